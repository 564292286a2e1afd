import { AlarmBook, type AlarmChange, type AlarmRecord, MemoryAlarmStore } from '@milli/controller';
import { systemClock } from '@milli/core';
import { TopologyIndex, loadTopology } from '@milli/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, readEventStream } from '../src';
import { OPERATOR_TOKEN, TOPOLOGY_FILE, startTestApi, type TestApi, waitForState } from './support/startTestApi';

// The alarms of the API over an AlarmBook fed device events by hand: metro-small's fibre F-15 (AGG-3-roadm ↔
// dc-north-roadm) is crossed by line L-1's working path; L-2 stays away from it.
let api: TestApi;
let book: AlarmBook;
const pathOver = (fibres: string[], devices: string[]) => ({
  layer: 'wavelength' as const,
  devices,
  fibres,
  latencyUs: 1,
  breakdown: { fibres: [], nodes: [] },
  resources: [],
});
const LINES = [
  {
    id: 'L-1',
    from: 'a',
    to: 'b',
    bandwidthKbps: 1,
    intents: ['I-1'],
    current: 'I-1',
    path: { working: pathOver(['F-15'], ['AGG-3-roadm', 'dc-north-roadm']) },
  },
  {
    id: 'L-2',
    from: 'a',
    to: 'b',
    bandwidthKbps: 1,
    intents: ['I-2'],
    current: 'I-2',
    path: { working: pathOver(['F-14'], ['AGG-4-roadm', 'dc-north-roadm']) },
  },
];
const alarm = (id: string, resource: string, type: string, probableCause?: string) => ({
  id,
  resource,
  type,
  severity: 'critical',
  text: `${type} on ${resource}`,
  ...(probableCause ? { probableCause } : {}),
  raisedAt: '2026-12-06T10:00:00Z',
});

beforeAll(async () => {
  const index = new TopologyIndex(await loadTopology(TOPOLOGY_FILE));
  book = new AlarmBook({ store: new MemoryAlarmStore(), index, lines: async () => LINES, clock: systemClock });
  api = await startTestApi({ alarms: book });
});
afterAll(async () => {
  book?.stop();
  await api?.close();
});

describe('alarms through the API', () => {
  it('keeps raised alarms with their root cause and lines, filters them, and clears them with their time', async () => {
    const stream = await api.request('/v1/events');
    const heard: AlarmChange[] = [];
    const reading = (async () => {
      for await (const e of readEventStream(stream.body as ReadableStream<Uint8Array>)) {
        if (e.event !== 'alarm') continue;
        heard.push(JSON.parse(e.data) as AlarmChange);
        if (heard.length >= 3) break;
      }
    })();
    // The cut's own end (a port on the fibre), a consequent alarm further along naming it, and one unrelated.
    await book.handle({
      type: 'alarm-raised',
      device: 'AGG-3-roadm',
      alarm: alarm('los-deg-5', 'deg-5', 'loss-of-signal'),
      standing: false,
    });
    await book.handle({
      type: 'alarm-raised',
      device: 'dc-north-otn',
      alarm: alarm('lof-odu-x', 'x', 'loss-of-frame', 'fibre F-15 cut'),
      standing: false,
    });
    await book.handle({ type: 'alarm-raised', device: 'AP-1-otn', alarm: alarm('eq', 'card-1', 'equipment-failure'), standing: false });

    const all = (await (await api.request('/v1/alarms')).json()) as AlarmRecord[];
    expect(all).toHaveLength(3);
    const byId = new Map(all.map((a) => [a.id, a]));
    expect(byId.get('los-deg-5')).toMatchObject({ root: { kind: 'fibre', id: 'F-15' }, lines: ['L-1'] });
    expect(byId.get('lof-odu-x')).toMatchObject({ root: { kind: 'fibre', id: 'F-15' }, lines: ['L-1'], probableCause: 'fibre F-15 cut' });
    expect(byId.get('eq')).toMatchObject({ root: { kind: 'port', id: 'AP-1-otn/card-1' }, lines: [] });
    const onLine = (await (await api.request('/v1/alarms?line=L-1')).json()) as AlarmRecord[];
    expect(onLine.map((a) => a.id).sort()).toEqual(['lof-odu-x', 'los-deg-5']);
    expect(((await (await api.request('/v1/alarms?device=AP-1-otn')).json()) as AlarmRecord[]).map((a) => a.id)).toEqual(['eq']);

    await book.handle({
      type: 'alarm-cleared',
      device: 'AGG-3-roadm',
      id: 'los-deg-5',
      resource: 'deg-5',
      alarmType: 'loss-of-signal',
      at: '2026-12-06T10:05:00Z',
    });
    const active = (await (await api.request('/v1/alarms?active=true')).json()) as AlarmRecord[];
    expect(active.map((a) => a.id).sort()).toEqual(['eq', 'lof-odu-x']);
    const cleared = (await (await api.request('/v1/alarms?active=false')).json()) as AlarmRecord[];
    expect(cleared.map((a) => [a.id, a.clearedAt])).toEqual([['los-deg-5', Date.parse('2026-12-06T10:05:00Z')]]);

    await reading;
    expect(heard.map((h) => `${h.kind} ${h.alarm.id}`)).toEqual(['raised los-deg-5', 'raised lof-odu-x', 'raised eq']);
    const client = new ApiClient(api.url, OPERATOR_TOKEN);
    expect((await client.alarms({ active: true, line: 'L-1' })).map((a) => a.id)).toEqual(['lof-odu-x']);
  });

  it('on a reconnect, clears what the device no longer reports and keeps what it still does, once', async () => {
    await book.handle({
      type: 'alarm-raised',
      device: 'dc-north-otn',
      alarm: alarm('lof-odu-x', 'x', 'loss-of-frame', 'fibre F-15 cut'),
      standing: true,
    });
    await book.handle({ type: 'connected', device: 'AP-1-otn', at: '2026-12-06T10:10:00Z', standing: [] });
    const active = (await (await api.request('/v1/alarms?active=true')).json()) as AlarmRecord[];
    expect(active.map((a) => a.id)).toEqual(['lof-odu-x']);
  });

  it('streams one kind of event alone when asked (only=alarm, only=transition), and refuses another kind', async () => {
    const alarmsOnly = await api.request('/v1/events?only=alarm');
    const transitionsOnly = await api.request('/v1/events?only=transition');
    const read = async (stream: Response, enough: (events: { event?: string; data: string }[]) => boolean) => {
      const events: { event?: string; data: string }[] = [];
      for await (const e of readEventStream(stream.body as ReadableStream<Uint8Array>)) {
        events.push({ ...(e.event !== undefined ? { event: e.event } : {}), data: e.data });
        if (enough(events)) break;
      }
      return events;
    };
    // An alarm, then an intent's transitions, then another alarm: each stream has its own kind only.
    await book.handle({ type: 'alarm-raised', device: 'AP-2-otn', alarm: alarm('eq-a', 'card-2', 'equipment-failure'), standing: false });
    const created = (await (
      await api.request('/v1/intents', { method: 'POST', json: { text: 'connect P-5 to dc-north with 100Mbps' } })
    ).json()) as {
      id: string;
    };
    await waitForState(api, created.id, ['active']);
    await book.handle({ type: 'alarm-raised', device: 'AP-2-otn', alarm: alarm('eq-b', 'card-3', 'equipment-failure'), standing: false });

    const alarmEvents = await read(alarmsOnly, (es) => es.some((e) => e.data.includes('"eq-b"')));
    expect(alarmEvents.map((e) => `${e.event} ${(JSON.parse(e.data) as AlarmChange).alarm.id}`)).toEqual(['alarm eq-a', 'alarm eq-b']);
    const transitionEvents = await read(transitionsOnly, (es) =>
      es.some((e) => e.data.includes(created.id) && e.data.includes('"to":"active"')),
    );
    expect(new Set(transitionEvents.map((e) => e.event))).toEqual(new Set(['transition']));
    expect(transitionEvents.filter((e) => e.data.includes(created.id))).toHaveLength(5);

    expect((await api.request('/v1/events?only=everything')).status).toBe(400);
  });

  it('refuses a bad filter with a problem naming it', async () => {
    const response = await api.request('/v1/alarms?active=maybe');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/active/);
  });
});
