import { sendControl, labDown, DEFAULT_STATE_DIR, type Isolation, labPaths, defaultIsolation, labUp, type LabFaultName } from '@milli/lab';
import type { Command } from 'commander';
import { MilliError, type ErrorCode } from '@milli/core';
import { durationArgument, integerOption } from '../options/numericOptions';
import { progressReporter } from '../output/progressReporter';
import { printTable } from '../output/printTable';
import { runAction } from '../errors/runAction';

/** The range of the lab's delay fault: milli-lab.yang's `rpc delay` takes 0 .. 600000 milliseconds. */
export const LAB_MAX_DELAY_MS = 600_000;

/** Mounts `milli lab up|down|status|fault` on the `milli` program. */
export function registerLabCommands(program: Command): void {
  const lab = program.command('lab').description('a lab of mock NETCONF devices that looks like your metro');

  lab
    .command('up')
    .argument('<topology>', 'topology file (YAML or JSON)')
    .option('--isolation <mode>', 'netns (one network namespace per device; default as root) or process (127.0.0.1 ports)')
    .option('--state-dir <dir>', 'where this lab keeps its state', DEFAULT_STATE_DIR)
    .option('--base-port <port>', 'process isolation: device i listens on 127.0.0.1:<port>+i (default: free ports)')
    .option('--device-threads <n>', 'worker threads that run the devices (default: one per core less one, 1 to 4; 0: the host thread)')
    .action(
      runAction(async (topologyPath: string, opts: { isolation?: string; stateDir: string; basePort?: string; deviceThreads?: string }) => {
        const isolation = (opts.isolation ?? (await defaultIsolation())) as Isolation;
        if (isolation !== 'netns' && isolation !== 'process') {
          throw new MilliError('INVALID_ARGUMENT', `--isolation must be netns or process, not '${isolation}'`);
        }
        const basePort = opts.basePort === undefined ? undefined : integerOption(opts.basePort, 'base-port', { min: 1, max: 65535 });
        const deviceThreads =
          opts.deviceThreads === undefined ? undefined : integerOption(opts.deviceThreads, 'device-threads', { min: 0, max: 64 });
        // Ctrl-C while starting: stop the host and remove what it made, then exit.
        const interrupt = new AbortController();
        const onSignal = () => interrupt.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const network = progressReporter('creating namespaces');
        const devices = progressReporter('starting devices');
        try {
          const result = await labUp(
            {
              topologyPath,
              stateDir: opts.stateDir,
              isolation,
              signal: interrupt.signal,
              ...(basePort ? { basePort } : {}),
              ...(deviceThreads === undefined ? {} : { limits: { deviceThreads } }),
            },
            (event) => {
              if (event.type !== 'progress') return;
              if (event.phase === 'network') network.update(event.done, event.total, '');
              else devices.update(event.done, event.total, event.device);
            },
          );
          console.log(`lab up: ${result.devices} devices (${isolation}); inventory ${result.inventory}`);
        } finally {
          network.done();
          devices.done();
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      }),
    );

  lab
    .command('down')
    .option('--state-dir <dir>', 'the lab to stop', DEFAULT_STATE_DIR)
    .action(
      runAction(async (opts: { stateDir: string }) => {
        const { wasRunning } = await labDown(opts.stateDir);
        console.log(wasRunning ? 'lab down: stopped and cleaned up' : 'lab down: nothing was running; cleaned what was left');
      }),
    );

  lab
    .command('status')
    .option('--state-dir <dir>', 'the lab to show', DEFAULT_STATE_DIR)
    .option('--json', 'print JSON')
    .action(
      runAction(async (opts: { stateDir: string; json?: boolean }) => {
        // `milli lab status | head`: a reader that stops early is not an error.
        process.stdout.once('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'EPIPE') process.exit(0);
        });
        const reply = await sendControl(labPaths(opts.stateDir).control, { op: 'status' });
        if (!reply.ok) throw new MilliError('LAB_STATE', reply.error);
        if (opts.json) return console.log(JSON.stringify(reply, null, 2));
        printTable(
          ['device', 'kind', 'address', 'up', 'sessions', 'thread'],
          (reply.devices ?? []).map((d) => [
            d.device,
            d.kind,
            `${d.address}:${d.port}`,
            d.up ? 'up' : 'DOWN',
            String(d.sessions),
            String(d.thread ?? 0),
          ]),
        );
        const cut = (reply.fibres ?? []).filter((f) => f.cut).map((f) => f.fibre);
        if (cut.length > 0) console.log(`cut fibres: ${cut.join(', ')}`);
      }),
    );

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
      .action(
        runAction(async (target: string, opts: { stateDir: string; message?: string }) => {
          await runFault(opts.stateDir, { fault: name, target, ...(opts.message ? { message: opts.message } : {}) });
        }),
      );
  }
  fault
    .command('delay')
    .argument('<device>')
    .argument('<duration>', "added to every reply, e.g. 300ms; '0ms' clears it")
    .option('--state-dir <dir>', 'the lab', DEFAULT_STATE_DIR)
    .action(
      runAction(async (target: string, duration: string, opts: { stateDir: string }) => {
        const delayMs = durationArgument(duration, 'delay', { minMs: 0, maxMs: LAB_MAX_DELAY_MS });
        await runFault(opts.stateDir, { fault: 'delay', target, delayMs });
      }),
    );
}

async function runFault(
  stateDir: string,
  request: { fault: LabFaultName; target: string; delayMs?: number; message?: string },
): Promise<void> {
  const reply = await sendControl(labPaths(stateDir).control, { op: 'fault', ...request });
  if (!reply.ok) throw new MilliError(reply.code as ErrorCode, `${request.fault} ${request.target}: ${reply.error}`);
  console.log(`${request.fault} ${request.target}: done (${(reply.affected ?? []).join(', ')})`);
}
