import { readFileSync, writeFileSync } from 'node:fs';
import { MilliError } from '@milli/core';
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
import { runAction } from '../runAction';
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
}

/** `milli report indicators` and `milli report coverage-gain`: the programme's indicators and the what-if. */
export function registerReportCommand(program: Command): void {
  const report = program.command('report').description("the programme's indicators (millisecond compute access) and what-if coverage");
  report
    .command('indicators')
    .description('compute every indicator with its evidence: md, json, html (with a map) or geojson, in Chinese or English')
    .requiredOption('--topology <file>', 'topology file (YAML or JSON)')
    .option('--inventory <file>', 'inventory JSON: only the devices listed count as deployed')
    .option('--api <url>', 'controller API base URL, for the indicators that need live lines and intents')
    .option('--token-env <var>', 'environment variable holding the API bearer token')
    .option('--format <format>', 'md, json, html or geojson', 'md')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option('--access-budget <us>', 'µs added to each line for the last mile and the DC network (terminal to DC)')
    .option('--out <file>', 'write the report here instead of standard output')
    .action((opts: IndicatorsOptions) => runAction(() => indicatorsAction(opts)));
  report
    .command('coverage-gain')
    .description('rank candidate changes (new fibre, OXC, access point) by how much each raises 1 ms coverage and one-hop access')
    .requiredOption('--topology <file>', 'topology file (YAML or JSON)')
    .requiredOption('--candidates <file>', 'candidates JSON: [{ "id", "kind": "fibre"|"oxc"|"access-point", ... }]')
    .option('--json', 'print the ranking as JSON')
    .action((opts: { topology: string; candidates: string; json?: boolean }) => runAction(() => coverageGainAction(opts)));
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
    topology: await loadTopology(opts.topology),
    ...(opts.inventory !== undefined ? { inventory: loadInventory(opts.inventory) } : {}),
    options: { now: Date.now(), ...(budget !== undefined ? { accessBudgetUs: budget } : {}) },
  };
  if (opts.api !== undefined && opts.tokenEnv !== undefined) {
    const records = await fetchControllerRecords(opts.api, opts.tokenEnv);
    input.live = parseLiveRecords(records.lines, records.intents);
  }
  const { body } = indicatorsReport(input, { format, lang });
  if (opts.out === undefined) process.stdout.write(body);
  else writeFileSync(opts.out, body);
}

async function coverageGainAction(opts: { topology: string; candidates: string; json?: boolean }): Promise<void> {
  const topology = await loadTopology(opts.topology);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(opts.candidates, 'utf8'));
  } catch (error) {
    throw new MilliError('REPORT_INPUT', `${opts.candidates}: not readable JSON (${(error as Error).message})`, { file: opts.candidates });
  }
  const result = coverageGain(topology, parseCandidates(doc, opts.candidates));
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatCoverageGain(result));
}
