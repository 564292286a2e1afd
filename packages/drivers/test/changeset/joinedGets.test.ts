import { describe, expect, it } from 'vitest';
import { JoinedGets } from '../../src/changeset/JoinedGets';
import type { NetconfReader, RpcResult } from '../../src/contract/netconf';

/** A reader that records every get it is asked for and answers each with the filter it got. */
function recordingReader(fail?: Error): NetconfReader & { gets: (string | undefined)[] } {
  const gets: (string | undefined)[] = [];
  const reply = (filter?: string): RpcResult => ({
    rpc: 'get',
    messageId: String(gets.length),
    ok: true,
    data: filter ?? 'all',
    errors: [],
  });
  return {
    gets,
    get: async (filter) => {
      gets.push(filter);
      if (fail) throw fail;
      return reply(filter);
    },
    getConfig: async (_source, filter) => reply(filter),
  };
}

describe('JoinedGets', () => {
  it('sends filtered gets asked for in the same turn as one get with the filters side by side; each asker gets that reply', async () => {
    const reader = recordingReader();
    const joined = new JoinedGets(reader);
    const [odu, osu, again] = await Promise.all([joined.get('<otn/>'), joined.get('<osu/>'), joined.get('<otn/>')]);
    expect(reader.gets).toEqual(['<otn/><osu/>']);
    expect([odu.data, osu.data, again.data]).toEqual(['<otn/><osu/>', '<otn/><osu/>', '<otn/><osu/>']);
  });

  it('sends gets of different turns apart, and an unfiltered get straight through', async () => {
    const reader = recordingReader();
    const joined = new JoinedGets(reader);
    await joined.get('<otn/>');
    await joined.get('<osu/>');
    expect((await joined.get()).data).toBe('all');
    expect(reader.gets).toEqual(['<otn/>', '<osu/>', undefined]);
  });

  it('fails every asker of a joined get that failed', async () => {
    const joined = new JoinedGets(recordingReader(new Error('session closed')));
    const results = await Promise.allSettled([joined.get('<otn/>'), joined.get('<osu/>')]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual([
      'session closed',
      'session closed',
    ]);
  });
});
