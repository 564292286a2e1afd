import { it } from 'vitest';
import { computePath, ledgerForGraph, PceGraph } from '../../src/index';
import { smallMetro } from './topologyBuilder';

it('smoke', () => {
  const g = PceGraph.build(smallMetro());
  const ledger = ledgerForGraph(g);
  const base = {
    bandwidthKbps: 100_000,
    layer: 'auto' as const,
    protection: 'none' as const,
    objective: 'latency' as const,
    alternatives: 2,
  };
  const r = computePath(g, ledger, { ...base, from: 'P-1', to: 'dc-north' });
  console.log(JSON.stringify(r, null, 1).slice(0, 4000));
  const w = computePath(g, ledger, { ...base, from: 'dc-south', to: 'dc-north', bandwidthKbps: 100_000_000, protection: 'srlg' });
  console.log(JSON.stringify(w, null, 1).slice(0, 3000));
});
