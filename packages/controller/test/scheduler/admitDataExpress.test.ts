import { readIntent } from '@milli/intent';
import { computePath, ledgerForGraph, PceGraph } from '@milli/pce';
import { TopologyIndex } from '@milli/topology';
import { describe, expect, it } from 'vitest';
import { admissionExplain, dataExpressUnfit } from '../../src/usecases/admitDataExpress';
import { metroSmall } from '../support/controllerHarness';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const HOUR = 3_600_000;

describe('data-express admission', () => {
  it('admits a volume that fits its window at the reserved rate, says which rate and why, and refuses it once too little window is left', async () => {
    const topology = await metroSmall();
    const graph = PceGraph.build(topology);
    const { compilation } = readIntent('move 2TB from dc-north to dc-south between 00:00Z and 04:00Z', {
      topology: new TopologyIndex(topology),
      now: T0,
    });
    const result = computePath(graph, ledgerForGraph(graph), compilation.pathRequests[0]!, { now: T0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const window = compilation.windows[0]!;
    // 2 TB in 4 h is 1.11 Gbit/s; +10% is 1.22; one ODU slot granularity gives 1.25 Gbit/s, which takes 3.56 h.
    expect(dataExpressUnfit(compilation, result, window, T0)).toBeUndefined();
    expect(admissionExplain(compilation, result, window, T0)[0]).toMatch(
      /at the reserved 1\.25 Gbit\/s take 12800 s of the 14400 s window/,
    );
    expect(dataExpressUnfit(compilation, result, window, T0 + HOUR)).toMatchObject({
      kind: 'invalid',
      code: 'CONTROLLER_DATA_EXPRESS_UNFIT',
      message: expect.stringMatching(/take 12800 s; only 10800 s of the window remain/),
    });
  });
});
