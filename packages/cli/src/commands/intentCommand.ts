import { exitStatusOf, formatBandwidth, formatLatency, isMilliError, MilliError, readTextFile } from '@milli/core';
import {
  type Compilation,
  type IntentProblem,
  IntentSyntaxError,
  intentSchema,
  parseTimeSpec,
  type ReadIntentResult,
  readIntent,
} from '@milli/intent';
import type { PathRequest } from '@milli/pce';
import type { TimeWindow } from '@milli/core';
import { loadTopology, TopologyIndex } from '@milli/topology';
import type { Command } from 'commander';
import { reportError } from '../errors/reportError';
import { runAction } from '../errors/runAction';
import { fileLimit, withFileLimit } from '../options/fileLimit';

export interface IntentCheckOptions {
  topology: string;
  json?: boolean;
  now?: string;
  /** Zone of times of day written without one, e.g. `+08:00`. */
  zone?: string;
  previous?: string;
  lines?: string;
  maxFileBytes?: string;
}

export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `milli intent check "TEXT" --topology FILE [--json] [--now ISO]`: parse, check against the topology, compile.
 * `milli intent schema`: print the intent JSON Schema (packages/intent/schema/intent.schema.json is this output).
 */
export function registerIntentCommand(program: Command): void {
  const intent = program.command('intent').description('intents: parse, check against a topology, compile');
  const check = intent
    .command('check')
    .description('parse an intent (text, or the JSON form when it starts with "{"), check it against a topology and print its compilation')
    .argument('<intent>', 'e.g. "connect park P-17 to DC dc-north under 1ms with 100Mbps protected"')
    .requiredOption('--topology <file>', 'topology file (YAML or JSON)')
    .option('--json', 'print machine-readable JSON')
    .option('--now <iso>', 'the time relative times are measured from, e.g. 2026-11-26T11:00Z (default: the clock)')
    .option('--zone <offset>', "zone of times of day written without one, e.g. +08:00 (default: the topology's utcOffset, else UTC)")
    .option('--previous <file>', "the line's previous compilation (JSON), for scale and release")
    .option('--lines <ids>', 'comma-separated ids of the lines that exist, checked for scale and release');
  withFileLimit(check).action(
    runAction(async (text: string, options: IntentCheckOptions) => {
      const out = await intentCheck(text, options);
      if (out.stdout) process.stdout.write(out.stdout);
      if (out.stderr) process.stderr.write(out.stderr);
      process.exitCode = out.code;
    }),
  );
  intent
    .command('schema')
    .description('print the published JSON Schema of the intent JSON form')
    .action(
      runAction(() => {
        process.stdout.write(`${JSON.stringify(intentSchema, null, 2)}\n`);
      }),
    );
}

/** The command's work, returning what to print and the exit status (0 valid, else the status of the failure's code). */
export async function intentCheck(input: string, options: IntentCheckOptions, clockNow: number = Date.now()): Promise<CommandOutput> {
  let result: ReadIntentResult;
  let previous: Compilation | undefined;
  try {
    const now = options.now === undefined ? clockNow : instant(options.now);
    const limit = fileLimit(options.maxFileBytes);
    const topology = new TopologyIndex(await loadTopology(options.topology, limit));
    if (options.previous !== undefined) previous = readPrevious(options.previous, limit.maxBytes);
    const existingLines = options.lines === undefined ? undefined : new Set(options.lines.split(',').map((l) => l.trim()));
    result = readIntent(input, {
      topology,
      now,
      // Without --zone, the topology's zone (utcOffset) or UTC.
      ...(options.zone === undefined ? {} : { utcOffsetMinutes: zoneMinutes(options.zone) }),
      ...(previous ? { previous } : {}),
      ...(existingLines ? { existingLines } : {}),
    });
  } catch (error) {
    return failure(input, error, options.json === true);
  }
  if (options.json) return { code: 0, stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: '' };
  return { code: 0, stdout: describe(result), stderr: '' };
}

/** The line's previous compilation: a JSON file; only its shape is the intent package's to judge. */
function readPrevious(file: string, maxBytes: number): Compilation {
  const text = readTextFile(file, { what: 'previous compilation', maxBytes });
  try {
    return JSON.parse(text) as Compilation;
  } catch (error) {
    throw new MilliError('INVALID_ARGUMENT', `--previous ${file} is not JSON: ${(error as Error).message}`, { file, option: 'previous' });
  }
}

function instant(iso: string): number {
  const spec = parseTimeSpec(iso);
  if (typeof spec === 'string' || spec.kind !== 'absolute') {
    throw new MilliError(
      'INVALID_ARGUMENT',
      `--now '${iso}': write a date-time with a zone, e.g. 2026-11-26T11:00Z${typeof spec === 'string' ? ` (${spec})` : ''}`,
      { option: 'now' },
    );
  }
  return spec.epochMs;
}

function zoneMinutes(zone: string): number {
  const spec = parseTimeSpec(`00:00${zone}`);
  if (typeof spec === 'string' || spec.kind !== 'time-of-day' || spec.offsetMinutes === undefined) {
    throw new MilliError('INVALID_ARGUMENT', `--zone '${zone}': write an offset such as +08:00 or Z`, { option: 'zone' });
  }
  return spec.offsetMinutes;
}

function failure(input: string, error: unknown, json: boolean): CommandOutput {
  // Anything else is a bug: runAction reports it as INTERNAL.
  if (!isMilliError(error)) throw error;
  const code = error.code;
  const status = exitStatusOf(code);
  const problems: IntentProblem[] =
    error instanceof IntentSyntaxError
      ? [{ path: '', at: error.at, message: error.message }]
      : isMilliError(error) &&
          Array.isArray(error.context.problems) &&
          typeof (error.context.problems[0] as IntentProblem)?.message === 'string'
        ? (error.context.problems as IntentProblem[])
        : [];
  if (json) {
    return { code: status, stdout: `${JSON.stringify({ error: { code, message: error.message, problems } }, null, 2)}\n`, stderr: '' };
  }
  if (problems.length === 0) {
    let stderr = '';
    reportError(error, (text) => {
      stderr += text;
    });
    return { code: status, stdout: '', stderr };
  }
  const lines = [`error [${code}]: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}`];
  for (const problem of problems) {
    if (typeof problem.at === 'number' && !input.trimStart().startsWith('{')) {
      lines.push(`  ${input.replace(/\s/g, ' ')}`, `  ${' '.repeat(Math.min(problem.at, input.length))}^`);
    }
    lines.push(`  ${problem.message}`);
  }
  return { code: status, stdout: '', stderr: `${lines.join('\n')}\n` };
}

function describe({ parsed, intent, compilation }: ReadIntentResult): string {
  const lines = [
    `intent (${parsed.form}): ${intent.kind}`,
    `  as JSON: ${JSON.stringify(parsed.document)}`,
    `  checked: ${JSON.stringify(intent)}`,
    `compilation: ${compilation.action}${compilation.line ? ` line ${compilation.line}` : ''}`,
  ];
  const list = (label: string, requests: PathRequest[] = []) => requests.map((r, i) => `  ${label} ${i + 1}: ${request(r)}`);
  lines.push(
    ...list('path request', compilation.pathRequests),
    ...list('releases', compilation.releases),
    ...list('then back to', compilation.revertTo),
  );
  lines.push(...compilation.windows.map((w) => `  window: ${window(w)}`));
  const sla = compilation.sla;
  if (sla) {
    lines.push(
      `  sla: tier ${sla.tier}, latency ≤ ${formatLatency(sla.maxLatencyUs)}, availability ${sla.availabilityPercent}%, ` +
        `${formatBandwidth(sla.bandwidthKbps)} committed, protection ${sla.protection}, provisioned within ${hours(sla.provisioningTimeMs)}`,
    );
  }
  if (compilation.industry) lines.push(`  industry: ${compilation.industry}`);
  lines.push('  why:', ...compilation.explain.map((e) => `    - ${e}`));
  return `${lines.join('\n')}\n`;
}

function request(r: PathRequest): string {
  const bound = r.maxLatencyUs === undefined ? 'unbounded' : `≤ ${formatLatency(r.maxLatencyUs)}`;
  return `${r.from} → ${r.to}, ${formatBandwidth(r.bandwidthKbps)} ${r.layer}, ${bound}, protection ${r.protection}${r.window ? `, ${window(r.window)}` : ''}`;
}

function window(w: TimeWindow): string {
  return `${new Date(w.start).toISOString()} → ${w.end === null ? 'open-ended' : new Date(w.end).toISOString()}`;
}

function hours(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`;
}
