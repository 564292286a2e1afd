// bench:pce's booked-ledger section: each scenario of pceBooked.ts run with reach bounds and with the plain search
// (the baseline: reachBoundsAfter = Infinity), each in a child process; the plain one is stopped when a single
// request runs longer than the cap, since it can take minutes. Figures and the answers' agreement, no assertions.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BOOKED_METRO, type BookedLine, type Scenario } from './pceBooked';

interface ScenarioRun {
  lines: BookedLine[];
  /** Set when the run was stopped: how long the unfinished request had run. */
  stoppedAfterMs?: number;
}

function runScenario(scenario: Scenario, mode: 'new' | 'plain', capMs: number): Promise<ScenarioRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pceBookedRun.ts'), scenario, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: BookedLine[] = [];
  return new Promise((resolve, reject) => {
    let since = performance.now();
    let stoppedAfterMs: number | undefined;
    const timer = setInterval(() => {
      if (performance.now() - since <= capMs) return;
      stoppedAfterMs = performance.now() - since;
      child.kill('SIGKILL');
    }, 250);
    createInterface({ input: child.stdout }).on('line', (text) => {
      lines.push(JSON.parse(text) as BookedLine);
      since = performance.now();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (stoppedAfterMs === undefined && code !== 0) reject(new Error(`pceBookedRun ${scenario} ${mode} exited with ${code}`));
      else resolve({ lines, ...(stoppedAfterMs === undefined ? {} : { stoppedAfterMs }) });
    });
  });
}

function hash(lines: BookedLine[]): string {
  const h = createHash('sha256');
  for (const l of lines) h.update(`${l.outcome}\n`);
  return h.digest('hex').slice(0, 12);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

export async function reportBooked(capMs: number): Promise<void> {
  console.log(
    `\nbooked ledger: generated metro ${JSON.stringify(BOOKED_METRO)}, every third result booked; reach bounds vs the plain search (stopped when one request runs over ${capMs / 1000} s)`,
  );
  for (const scenario of ['reported', 'sequence'] as const) {
    const fresh = await runScenario(scenario, 'new', 10 * capMs);
    const plain = await runScenario(scenario, 'plain', capMs);
    const both = plain.lines.length;
    const same = hash(fresh.lines.slice(0, both)) === hash(plain.lines);
    const slowest = [...fresh.lines].sort((a, b) => b.ms - a.ms)[0]!;
    const times = fresh.lines.map((l) => l.ms).sort((a, b) => a - b);
    console.log(
      `  ${scenario}: ${fresh.lines.length} requests${fresh.stoppedAfterMs === undefined ? '' : ' (STOPPED)'}, ${ms(sum(times))} in all, p50 ${ms(times[Math.floor(times.length / 2)]!)}, slowest ${ms(slowest.ms)} (#${slowest.i} ${slowest.label}, ${slowest.popped} labels in ${slowest.searches} searches) | results ${hash(fresh.lines)}`,
    );
    const stuck = fresh.lines[both];
    const plainSlowest = [...plain.lines].sort((a, b) => b.ms - a.ms)[0];
    console.log(
      `    plain search: ${both} of ${fresh.lines.length} answered in ${ms(sum(plain.lines.map((l) => l.ms)))}, ${sum(plain.lines.map((l) => l.popped))} labels (reach bounds: ${ms(sum(fresh.lines.slice(0, both).map((l) => l.ms)))}, ${sum(fresh.lines.slice(0, both).map((l) => l.popped))} labels for the same ${both}; separate processes, times noisy), answers ${same ? 'identical' : 'DIFFERENT'}${plainSlowest ? `, slowest ${ms(plainSlowest.ms)} (#${plainSlowest.i})` : ''}`,
    );
    if (stuck !== undefined && plain.stoppedAfterMs !== undefined) {
      console.log(
        `    stopped on #${stuck.i} ${stuck.label} after ${ms(plain.stoppedAfterMs)} without an answer; with reach bounds ${ms(stuck.ms)}, ${stuck.popped} labels in ${stuck.searches} searches → ${stuck.outcome.split(' ')[0]} (≥ ${Math.floor(plain.stoppedAfterMs / stuck.ms)}× faster)`,
      );
    }
  }
}
