import { MilliError, readTextFile, writeTextFileAtomic } from '@milli/core';
import {
  coverageGain,
  formatCoverageGain,
  indicatorsReport,
  parseCandidates,
  parseLiveRecords,
  parseReportOptions,
  type ReportInput,
} from '@milli/indicators';
import { loadInventory, loadTopology } from '@milli/topology';
import type { Command } from 'commander';
import { runAction } from '../errors/runAction';
import { fileLimit, withFileLimit } from '../options/fileLimit';
import { fetchControllerRecords } from './fetchControllerRecords';

interface IndicatorsOptions {
  topology: string;
  inventory?: string;
  api?: string;
  tokenEnv?: string;
  format: string;
  lang: string;
  out?: string;
  accessBudget?: string;
  maxFileBytes: string;
}

/** `milli report indicators` and `milli report coverage-gain`: the programme's indicators and the what-if. */
export function registerReportCommand(program: Command): void {
  const report = program.command('report').description("the programme's indicators (millisecond compute access) and what-if coverage");
  const indicators = report
    .command('indicators')
    .description('compute every indicator with its evidence: md, json, html (with a map) or geojson, in Chinese or English')
    .requiredOption('--topology <file>', 'topology file (YAML or JSON)')
    .option('--inventory <file>', 'inventory JSON: only the devices listed count as deployed')
    .option('--api <url>', 'controller API base URL, for the indicators that need live lines and intents')
    .option('--token-env <var>', 'environment variable holding the API bearer token')
    .option('--format <format>', 'md, json, html or geojson', 'md')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option('--access-budget <us>', 'µs added to each line for the last mile and the DC network (terminal to DC)')
    .option('--out <file>', 'write the report here instead of standard output');
  withFileLimit(indicators).action(runAction(indicatorsAction));
  const gain = report
    .command('coverage-gain')
    .description('rank candidate changes (new fibre, OXC, access point) by how much each raises 1 ms coverage and one-hop access')
    .requiredOption('--topology <file>', 'topology file (YAML or JSON)')
    .requiredOption('--candidates <file>', 'candidates JSON: [{ "id", "kind": "fibre"|"oxc"|"access-point", ... }]')
    .option('--json', 'print the ranking as JSON');
  withFileLimit(gain).action(runAction(coverageGainAction));
}

async function indicatorsAction(opts: IndicatorsOptions): Promise<void> {
  const { format, lang } = parseReportOptions(opts.format, opts.lang);
  if ((opts.api === undefined) !== (opts.tokenEnv === undefined)) {
    throw new MilliError('INVALID_ARGUMENT', '--api and --token-env go together', { option: opts.api === undefined ? 'api' : 'token-env' });
  }
  const budget = opts.accessBudget === undefined ? undefined : Number(opts.accessBudget);
  if (budget !== undefined && !(Number.isFinite(budget) && budget >= 0)) {
    throw new MilliError('INVALID_ARGUMENT', `--access-budget must be a number of µs >= 0, got '${opts.accessBudget}'`, {
      option: 'access-budget',
    });
  }
  const input: ReportInput = {
    topology: await loadTopology(opts.topology, fileLimit(opts.maxFileBytes)),
    ...(opts.inventory !== undefined ? { inventory: loadInventory(opts.inventory, fileLimit(opts.maxFileBytes)) } : {}),
    options: { now: Date.now(), ...(budget !== undefined ? { accessBudgetUs: budget } : {}) },
  };
  if (opts.api !== undefined && opts.tokenEnv !== undefined) {
    const records = await fetchControllerRecords(opts.api, opts.tokenEnv);
    input.live = parseLiveRecords(records.lines, records.intents);
  }
  const { body } = indicatorsReport(input, { format, lang });
  if (opts.out === undefined) process.stdout.write(body);
  else writeTextFileAtomic(opts.out, body, 'report');
}

async function coverageGainAction(opts: { topology: string; candidates: string; json?: boolean; maxFileBytes: string }): Promise<void> {
  const topology = await loadTopology(opts.topology, fileLimit(opts.maxFileBytes));
  const text = readTextFile(opts.candidates, { ...fileLimit(opts.maxFileBytes), what: 'candidates file' });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new MilliError('REPORT_INPUT', `${opts.candidates}: not valid JSON (${(error as Error).message})`, { file: opts.candidates });
  }
  const result = coverageGain(topology, parseCandidates(doc, opts.candidates));
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatCoverageGain(result));
}
