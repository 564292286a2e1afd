import type { Command } from 'commander';
import { formatLatency, parseDuration } from '@milli/core';
import { sendControl } from '../launcher/controlClient';
import { labDown } from '../launcher/down';
import { DEFAULT_STATE_DIR, type Isolation, labPaths } from '../launcher/labState';
import { defaultIsolation, labUp } from '../launcher/up';
import type { LabFaultName } from '../host/controlProtocol';
import { progressReporter } from './progressReporter';
import { printTable } from './printTable';

/** Mounts `milli lab up|down|status|fault` on the `milli` program. */
export function registerLabCommands(program: Command): void {
  const lab = program.command('lab').description('a lab of mock NETCONF devices that looks like your metro');

  lab
    .command('up')
    .argument('<topology>', 'topology file (YAML or JSON)')
    .option('--isolation <mode>', 'netns (one network namespace per device; default as root) or process (127.0.0.1 ports)')
    .option('--state-dir <dir>', 'where this lab keeps its state', DEFAULT_STATE_DIR)
    .action(async (topologyPath: string, opts: { isolation?: string; stateDir: string }) => {
      const isolation = (opts.isolation ?? (await defaultIsolation())) as Isolation;
      if (isolation !== 'netns' && isolation !== 'process') throw new Error(`--isolation must be netns or process, not '${isolation}'`);
      const progress = progressReporter('starting devices');
      const result = await labUp({ topologyPath, stateDir: opts.stateDir, isolation }, (event) => {
        if (event.type === 'progress') progress.update(event.started, event.total, event.device);
      });
      progress.done();
      console.log(`lab up: ${result.devices} devices (${isolation}); inventory ${result.inventory}`);
    });

  lab
    .command('down')
    .option('--state-dir <dir>', 'the lab to stop', DEFAULT_STATE_DIR)
    .action(async (opts: { stateDir: string }) => {
      const { wasRunning } = await labDown(opts.stateDir);
      console.log(wasRunning ? 'lab down: stopped and cleaned up' : 'lab down: nothing was running; cleaned what was left');
    });

  lab
    .command('status')
    .option('--state-dir <dir>', 'the lab to show', DEFAULT_STATE_DIR)
    .option('--json', 'print JSON')
    .action(async (opts: { stateDir: string; json?: boolean }) => {
      const reply = await sendControl(labPaths(opts.stateDir).control, { op: 'status' });
      if (!reply.ok) throw new Error(reply.error);
      if (opts.json) return console.log(JSON.stringify(reply, null, 2));
      printTable(
        ['device', 'kind', 'address', 'up', 'sessions'],
        (reply.devices ?? []).map((d) => [d.device, d.kind, `${d.address}:${d.port}`, d.up ? 'up' : 'DOWN', String(d.sessions)]),
      );
      const cut = (reply.fibres ?? []).filter((f) => f.cut).map((f) => f.fibre);
      if (cut.length > 0) console.log(`cut fibres: ${cut.join(', ')}`);
    });

  const fault = lab
    .command('fault')
    .description('inject a fault: cut-fibre F, restore-fibre F, reject-next-commit D, delay D 300ms, crash D, restart D');
  const faults: [LabFaultName, string][] = [
    ['cut-fibre', 'fibre'],
    ['restore-fibre', 'fibre'],
    ['reject-next-commit', 'device'],
    ['crash', 'device'],
    ['restart', 'device'],
  ];
  for (const [name, what] of faults) {
    fault
      .command(name)
      .argument(`<${what}>`)
      .option('--state-dir <dir>', 'the lab', DEFAULT_STATE_DIR)
      .option('--message <text>', 'reject-next-commit: the error message the device gives')
      .action(async (target: string, opts: { stateDir: string; message?: string }) => {
        await runFault(opts.stateDir, { fault: name, target, ...(opts.message ? { message: opts.message } : {}) });
      });
  }
  fault
    .command('delay')
    .argument('<device>')
    .argument('<duration>', "added to every reply, e.g. 300ms; '0ms' clears it")
    .option('--state-dir <dir>', 'the lab', DEFAULT_STATE_DIR)
    .action(async (target: string, duration: string, opts: { stateDir: string }) => {
      const delayMs = parseDuration(duration);
      await runFault(opts.stateDir, { fault: 'delay', target, delayMs });
      console.log(`${target}: replies delayed by ${formatLatency(delayMs * 1000)}`);
    });
}

async function runFault(
  stateDir: string,
  request: { fault: LabFaultName; target: string; delayMs?: number; message?: string },
): Promise<void> {
  const reply = await sendControl(labPaths(stateDir).control, { op: 'fault', ...request });
  if (!reply.ok) throw new Error(`${request.fault} ${request.target}: ${reply.error}`);
  console.log(`${request.fault} ${request.target}: done (${(reply.affected ?? []).join(', ')})`);
}
