import type { Transition } from '@milli/controller';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventStream } from '../src';
import { startTestApi, type TestApi, waitForState } from './support/startTestApi';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

/** Reads events from an open stream until `enough` says stop, then closes it. */
async function collect(response: Response, enough: (events: { id?: string; t: Transition }[]) => boolean) {
  const events: { id?: string; t: Transition }[] = [];
  const body = response.body as ReadableStream<Uint8Array>;
  for await (const event of readEventStream(body)) {
    expect(event.event).toBe('transition');
    events.push({ ...(event.id !== undefined ? { id: event.id } : {}), t: JSON.parse(event.data) as Transition });
    if (enough(events)) break;
  }
  return events;
}

const submit = async (text: string) =>
  ((await (await api.request('/v1/intents', { method: 'POST', json: { text } })).json()) as { id: string }).id;

describe('GET /v1/events', () => {
  it('streams every transition live, each with its sequence number as the event id', async () => {
    const stream = await api.request('/v1/events');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const id = await submit('connect P-5 to dc-north with 100Mbps');
    const events = await collect(stream, (es) => es.some((e) => e.t.intent === id && e.t.to === 'active'));
    const mine = events.filter((e) => e.t.intent === id);
    expect(mine.map((e) => e.t.to)).toEqual(['accepted', 'compiling', 'reserved', 'provisioning', 'active']);
    for (const e of events) expect(e.id).toBe(String(e.t.seq));
  });

  it('replays every missed event after Last-Event-ID, then goes on live, none twice', async () => {
    const first = await submit('connect P-6 to dc-north with 100Mbps');
    await waitForState(api, first, ['active']);
    const history = await api.controller.eventsSince(0);
    const resumeAfter = (history.find((t) => t.intent === first && t.to === 'compiling') as Transition).seq;
    const stream = await api.request('/v1/events', { headers: { 'last-event-id': String(resumeAfter) } });
    const second = await submit('connect P-9 to dc-north with 100Mbps');
    const events = await collect(stream, (es) => es.some((e) => e.t.intent === second && e.t.to === 'active'));
    const seqs = events.map((e) => e.t.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]).toBe(resumeAfter + 1);
    const stored = (await api.controller.eventsSince(resumeAfter)).map((t) => t.seq).filter((s) => s <= (seqs.at(-1) as number));
    expect(seqs).toEqual(stored);
    expect(events.filter((e) => e.t.intent === first).map((e) => e.t.to)).toEqual(['reserved', 'provisioning', 'active']);
  });

  it('takes ?after= as well, and refuses a Last-Event-ID that is not a sequence number', async () => {
    const stream = await api.request('/v1/events?after=0');
    const events = await collect(stream, (es) => es.length >= 3);
    expect(events.map((e) => e.t.seq)).toEqual([1, 2, 3]);
    const bad = await api.request('/v1/events', { headers: { 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
  });

  it('refuses streams beyond its bound with 429 and Retry-After', async () => {
    const small = await startTestApi({ maxEventStreams: 1 });
    try {
      const open = await small.request('/v1/events');
      expect(open.status).toBe(200);
      const refused = await small.request('/v1/events');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('5');
      await open.body?.cancel();
    } finally {
      await small.close();
    }
  });
});
