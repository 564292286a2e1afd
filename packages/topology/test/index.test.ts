import { describe, expect, it } from 'vitest';
import { TopologyIndex, TopologyNotFoundError, fibreLatencyUs, fibreLayer, parsePortRef, portRef } from '../src/index';
import { tinyTopology } from './fixtures';

describe('TopologyIndex', () => {
  const t = tinyTopology();
  const index = new TopologyIndex(t);

  it('looks up sites, devices, ports and fibres by id', () => {
    expect(index.site('AP-1').kind).toBe('access');
    expect(index.device('AGG-1-roadm').kind).toBe('roadm');
    expect(index.port('AP-1-otn/client-1')).toEqual({ id: 'client-1', kind: 'client', rate: '10GE', osu: true });
    expect(index.fibre('F-3').lengthKm).toBe(8.2);
    expect(index.devicesAt('CORE-1').map((d) => d.id)).toEqual(['CORE-1-oxc', 'CORE-1-otn']);
    expect(index.devicesAt('P-1').map((d) => d.id)).toEqual(['P-1-osu']);
  });

  it('throws TOPOLOGY_NOT_FOUND for unknown ids, naming what was asked', () => {
    expect(() => index.site('AP-9')).toThrow(TopologyNotFoundError);
    expect(() => index.device('x')).toThrow(expect.objectContaining({ code: 'TOPOLOGY_NOT_FOUND', context: { what: 'device', id: 'x' } }));
    expect(() => index.port('AP-1-otn/line-7')).toThrow(/no port AP-1-otn\/line-7/);
    expect(() => index.fibre('F-99')).toThrow(/no fibre F-99/);
    expect(() => index.fibreAt('P-1-osu/nope')).toThrow(TopologyNotFoundError);
    expect(() => parsePortRef('no-slash')).toThrow(TopologyNotFoundError);
  });

  it('finds the fibre at a port and its far end; a free port has none', () => {
    expect(index.fibreAt('AP-1-otn/client-1')?.id).toBe('F-4');
    expect(index.farEnd('AP-1-otn/client-1')).toEqual({ device: 'P-1-osu', port: 'line-1' });
    expect(index.farEnd('P-1-osu/line-1')).toEqual({ device: 'AP-1-otn', port: 'client-1' });
    expect(index.fibreAt('P-1-osu/client-1')).toBeUndefined();
    expect(index.farEnd('P-1-osu/client-1')).toBeUndefined();
  });

  it('lists neighbours with the local port, the fibre and the far end', () => {
    const ap = index.neighbours('AP-1-otn');
    expect(ap.map((n) => [n.port.id, n.fibre.id, portRef(n.far)])).toEqual([
      ['line-1', 'F-3', 'AGG-1-otn/line-1'],
      ['client-1', 'F-4', 'P-1-osu/line-1'],
    ]);
    expect(index.neighbours('CORE-1-oxc').map((n) => n.far.device)).toEqual(['AGG-1-roadm', 'CORE-1-otn']);
  });

  it('names the layer of each fibre from its port kinds', () => {
    expect(t.fibres.map((f) => fibreLayer(f, index))).toEqual(['optical-span', 'otn-patch', 'otu-link', 'osu-access']);
  });

  it('parses and prints port refs', () => {
    expect(parsePortRef('AP-1-otn/line-1')).toEqual({ device: 'AP-1-otn', port: 'line-1' });
    expect(portRef({ device: 'a', port: 'b' })).toBe('a/b');
  });
});

describe('fibreLatencyUs', () => {
  it('uses a measured latency, else km × 4.897 plus in-line amplifiers', () => {
    const [f1, , f3] = tinyTopology().fibres;
    expect(fibreLatencyUs(f3!)).toBe(41);
    expect(fibreLatencyUs(f1!)).toBeCloseTo(11.5 * 4.897, 9);
    expect(fibreLatencyUs({ ...f1!, amplifiers: 3 })).toBeCloseTo(11.5 * 4.897 + 0.3, 9);
  });
});
