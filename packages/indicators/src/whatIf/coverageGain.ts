import type { Topology } from '@milli/topology';
import { computeIndicators } from '../computeIndicators';
import type { ReportOptions } from '../inputs';
import type { IndicatorReport } from '../model';
import { applyCandidate } from './applyCandidate';
import type { Candidate } from './candidates';

/** The figures a candidate is ranked by. */
export interface CoverageFigures {
  /** Indicator 5: covered area over the metro area. */
  coverage: number;
  /** Indicator 5's count form: covered access points over all. */
  coverageCount: number;
  /** Indicator 9. */
  oneHop: number;
  /** Indicator 2. */
  oxcRatio: number;
}

export interface CandidateGain {
  candidate: Candidate;
  after: CoverageFigures;
  gain: CoverageFigures;
  /** Access points newly inside some circle. */
  newlyCovered: string[];
  rank: number;
}

export interface CoverageGainReport {
  before: CoverageFigures;
  ranked: CandidateGain[];
}

function figuresOf(report: IndicatorReport): CoverageFigures {
  const value = (id: string) => report.indicators.find((i) => i.id === id)?.value ?? 0;
  const circle = report.indicators.find((i) => i.id === 'latency-circle-coverage');
  return {
    coverage: value('latency-circle-coverage'),
    coverageCount: (circle?.evidence.countRatio as number | undefined) ?? 0,
    oneHop: value('one-hop-access-ratio'),
    oxcRatio: value('important-site-oxc-ratio'),
  };
}

/**
 * What-if: each candidate applied alone to the topology, the whole computation run again (PCE latencies,
 * Voronoi cells, ratios), ranked by the gain in 1 ms coverage, then in one-hop ratio, then in covered count.
 */
export function coverageGain(topology: Topology, candidates: Candidate[], options: ReportOptions = {}): CoverageGainReport {
  const base = computeIndicators({ topology, options });
  const before = figuresOf(base);
  const baseUncovered = new Set(base.uncovered);
  const results = candidates.map((candidate) => {
    const report = computeIndicators({ topology: applyCandidate(topology, candidate), options });
    const after = figuresOf(report);
    const nowUncovered = new Set(report.uncovered);
    return {
      candidate,
      after,
      gain: {
        coverage: after.coverage - before.coverage,
        coverageCount: after.coverageCount - before.coverageCount,
        oneHop: after.oneHop - before.oneHop,
        oxcRatio: after.oxcRatio - before.oxcRatio,
      },
      newlyCovered: [...baseUncovered].filter((ap) => !nowUncovered.has(ap)),
      rank: 0,
    };
  });
  const eps = 1e-12;
  results.sort(
    (x, y) =>
      (Math.abs(y.gain.coverage - x.gain.coverage) > eps ? y.gain.coverage - x.gain.coverage : 0) ||
      (Math.abs(y.gain.oneHop - x.gain.oneHop) > eps ? y.gain.oneHop - x.gain.oneHop : 0) ||
      y.gain.coverageCount - x.gain.coverageCount ||
      x.candidate.id.localeCompare(y.candidate.id),
  );
  results.forEach((r, i) => {
    r.rank = i + 1;
  });
  return { before, ranked: results };
}

/** The ranking as a table for a terminal. */
export function formatCoverageGain(report: CoverageGainReport): string {
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const signed = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)} pt`;
  const lines = [
    `before: coverage ${pct(report.before.coverage)} (count ${pct(report.before.coverageCount)}), one-hop ${pct(report.before.oneHop)}, OXC at important sites ${pct(report.before.oxcRatio)}`,
    '',
    'rank  candidate                      coverage         one-hop          count            newly covered',
  ];
  for (const r of report.ranked) {
    lines.push(
      `${String(r.rank).padEnd(6)}${`${r.candidate.id} (${r.candidate.kind})`.padEnd(31)}${signed(r.gain.coverage).padEnd(17)}${signed(r.gain.oneHop).padEnd(17)}${signed(r.gain.coverageCount).padEnd(17)}${r.newlyCovered.join(', ') || '-'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
