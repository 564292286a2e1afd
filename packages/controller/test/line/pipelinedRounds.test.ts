import { isMilliError } from '@milli/core';
import { describe, expect, it } from 'vitest';
import { DeviceLocks, GroupCommit, RoundDraft, renderRound, runGroupRound, transactRound } from '../../src/index';
import { FakeGroupNetwork, installJob } from './fakeGroupNetwork';

/**
 * A group commit in two stages over the fake network: what each render began from (a round lined up behind another
 * counts once, with every line that joined it), and the lines of each round sent.
 */
function stagedOver(network: FakeGroupNetwork, locks = new DeviceLocks(), maxLines = 64, gatherMs = 0, clock?: { now(): number }) {
  const renders: { lines: string[]; behind: boolean }[] = [];
  const sent: string[][] = [];
  const parts = network.parts();
  const group = new GroupCommit({
    locks,
    maxLines,
    gatherMs,
    ...(clock ? { clock } : {}),
    stages: {
      lineUp: (after) => {
        const render = { lines: [] as string[], behind: true };
        renders.push(render);
        const draft = new RoundDraft(parts, { after, deferValidation: true });
        return {
          add: (jobs, locked, options) => {
            render.lines.push(...jobs.map((j) => j.line));
            return draft.add(jobs, locked, options);
          },
          finish: () => draft.finish(),
        };
      },
      render: (jobs, devices, after) => {
        renders.push({ lines: jobs.map((j) => j.line), behind: after !== undefined });
        return renderRound(parts, jobs, devices, after);
      },
      transact: (round, persistId) => {
        sent.push(round.rendered.map((r) => r.job.line));
        return transactRound(parts, round, persistId);
      },
    },
  });
  return { group, renders, sent, locks };
}

const jobsOnOneDc = (lines: string[]) => lines.map((line) => installJob(line, [`cpe-${line}`, 'osu-dc']));

/** Resolves once `ready` holds (checked on every turn of the event loop, at most 2,000 turns). */
async function until(ready: () => boolean): Promise<void> {
  for (let turn = 0; turn < 2000 && !ready(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(ready()).toBe(true);
}

/** Holds osu-dc's next prepare until the returned function is called. */
function gateDc(network: FakeGroupNetwork): () => void {
  let open!: () => void;
  const dc = network.device('osu-dc');
  dc.gate = new Promise<void>((resolve) => (open = resolve));
  return () => {
    dc.gate = undefined;
    open();
  };
}

describe('group commit in two stages (the next round rendered while one is on the network)', () => {
  it('renders the lines waiting on a round on the network meanwhile, from where that round leaves the device', async () => {
    const network = new FakeGroupNetwork();
    const { group, renders, sent } = stagedOver(network);
    const open = gateDc(network);
    const first = jobsOnOneDc(['a', 'b']).map((j) => group.submit(j));
    await until(() => network.device('osu-dc').inRound === 1);
    const second = jobsOnOneDc(['c', 'd']).map((j) => group.submit(j));
    await until(() => renders.length === 2);
    // c and d are rendered while a and b are not on the device yet.
    expect(network.names('osu-dc')).toEqual([]);
    expect(sent).toEqual([['a', 'b']]);
    open();
    const outcomes = await Promise.all([...first, ...second]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(renders).toEqual([
      { lines: ['a', 'b'], behind: false },
      { lines: ['c', 'd'], behind: true },
    ]);
    expect(sent).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    // Their change set began where a and b's ended: the device holds all four (read while a and b were on their way,
    // it would have begun without them, and its commit would have left c and d only).
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'c', 'd']);
    expect(network.device('osu-dc').maxInRound).toBe(1);
    expect(network.names('cpe-c')).toEqual(['c']);
  });

  it('the round lined up behind one on the network takes every line that comes meanwhile, each rendered as it comes', async () => {
    const network = new FakeGroupNetwork();
    const { group, renders, sent } = stagedOver(network);
    const open = gateDc(network);
    const first = jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit(j));
    await until(() => network.device('osu-dc').inRound === 1);
    // One line is enough to line a round up: it renders at once, without waiting for others to come.
    const d = group.submit(jobsOnOneDc(['d'])[0]!);
    await until(() => renders.length === 2 && network.device('cpe-d').reads > 0);
    expect(renders[1]).toEqual({ lines: ['d'], behind: true });
    const more = jobsOnOneDc(['e', 'f']).map((j) => group.submit(j));
    await until(() => network.device('cpe-f').reads > 0);
    // e and f joined the round lined up, rendered behind d while a, b and c are not on the device yet.
    expect(renders).toHaveLength(2);
    expect(renders[1]).toEqual({ lines: ['d', 'e', 'f'], behind: true });
    expect(network.names('osu-dc')).toEqual([]);
    open();
    expect((await Promise.all([...first, d, ...more])).every((o) => o.ok)).toBe(true);
    expect(sent).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(network.device('osu-dc').maxInRound).toBe(1);
  });

  it('a round lined up takes lines up to the limit; the others wait for the round after it', async () => {
    const network = new FakeGroupNetwork();
    const { group, renders, sent } = stagedOver(network, new DeviceLocks(), 2);
    const open = gateDc(network);
    const first = jobsOnOneDc(['a', 'b']).map((j) => group.submit(j));
    await until(() => network.device('osu-dc').inRound === 1);
    const later = ['c', 'd', 'e'].map((line) => group.submit(jobsOnOneDc([line])[0]!));
    await until(() => renders.length === 2 && renders[1]!.lines.length === 2);
    open();
    expect((await Promise.all([...first, ...later])).every((o) => o.ok)).toBe(true);
    expect(sent).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('after a round ends, the round lined up behind it waits (up to gatherMs) until as many lines joined it as it carried', async () => {
    const network = new FakeGroupNetwork();
    // A gather far longer than the test: only the lines joining can end it.
    const { group, sent } = stagedOver(network, new DeviceLocks(), 64, 60_000);
    const open = gateDc(network);
    const first = jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit(j));
    await until(() => network.device('osu-dc').inRound === 1);
    const d = group.submit(jobsOnOneDc(['d'])[0]!);
    await until(() => network.device('cpe-d').reads > 0);
    open();
    expect((await Promise.all(first)).every((o) => o.ok)).toBe(true);
    // a, b and c are on the device; d's round waits for lines to join it rather than going with d alone.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([['a', 'b', 'c']]);
    const more = jobsOnOneDc(['e', 'f']).map((j) => group.submit(j));
    expect((await Promise.all([d, ...more])).every((o) => o.ok)).toBe(true);
    expect(sent).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
  });

  it('behind a round on the network for longer than gatherMs, the round lined up goes at once: its lines gathered meanwhile', async () => {
    const network = new FakeGroupNetwork();
    let now = 0;
    // The same gather as above, far longer than the test: only the time the round before was out can end it.
    const { group, sent } = stagedOver(network, new DeviceLocks(), 64, 60_000, { now: () => now });
    const open = gateDc(network);
    const first = jobsOnOneDc(['a', 'b', 'c']).map((j) => group.submit(j));
    await until(() => network.device('osu-dc').inRound === 1);
    const d = group.submit(jobsOnOneDc(['d'])[0]!);
    await until(() => network.device('cpe-d').reads > 0);
    // a, b and c were on the network a minute: d joined its round a while ago, and waits no more.
    now += 60_000;
    open();
    expect((await Promise.all([...first, d])).every((o) => o.ok)).toBe(true);
    expect(sent).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('a round lined up goes with the lines it has once the gather is over', async () => {
    const network = new FakeGroupNetwork();
    const { group, sent } = stagedOver(network, new DeviceLocks(), 64, 5);
    const open = gateDc(network);
    const first = jobsOnOneDc(['a', 'b']).map((j) => group.submit(j));
    await until(() => network.device('osu-dc').inRound === 1);
    const d = group.submit(jobsOnOneDc(['d'])[0]!);
    await until(() => network.device('cpe-d').reads > 0);
    open();
    expect((await Promise.all([...first, d])).every((o) => o.ok)).toBe(true);
    expect(sent).toEqual([['a', 'b'], ['d']]);
  });

  it('a round behind one that fails is rendered again from the devices as they are: nothing of the failed one rides along', async () => {
    const network = new FakeGroupNetwork();
    const { group, renders, sent } = stagedOver(network);
    network.device('osu-dc').refuse.add('b');
    const open = gateDc(network);
    const first = jobsOnOneDc(['a', 'b']).map((j) => group.submit(j));
    await until(() => network.device('osu-dc').inRound === 1);
    const second = jobsOnOneDc(['c', 'd']).map((j) => group.submit(j));
    await until(() => renders.length === 2);
    open();
    const outcomes = await Promise.allSettled([...first, ...second]);
    const ok = (i: number) => outcomes[i]?.status === 'fulfilled' && outcomes[i].value.ok;
    expect([ok(0), ok(1), ok(2), ok(3)]).toEqual([true, false, true, true]);
    // c and d, first rendered on top of a and b, were rendered again before being sent.
    expect(renders.filter((r) => r.lines.includes('c')).map((r) => r.behind)).toContain(true);
    expect(sent.filter((lines) => lines.includes('c'))).toHaveLength(1);
    expect(network.names('osu-dc')).toEqual(['a', 'c', 'd']);
  });

  it('a round lined up behind another is rendered again when someone else held its device in between', async () => {
    const network = new FakeGroupNetwork();
    const { group, renders, locks } = stagedOver(network);
    const open = gateDc(network);
    const first = jobsOnOneDc(['a']).map((j) => group.submit(j));
    await until(() => network.device('osu-dc').inRound === 1);
    const second = jobsOnOneDc(['c']).map((j) => group.submit(j));
    await until(() => renders.length === 2);
    // A repair queued on the device while the first round holds it: it goes between the two rounds.
    const repair = locks.run(['osu-dc'], async () => {
      const dc = network.device('osu-dc');
      const osu = dc.config['milli-osu:osu'] as { connections: { connection: { name: string }[] } };
      dc.config = { 'milli-osu:osu': { connections: { connection: [...osu.connections.connection, { name: 'x' }] } } };
    });
    open();
    expect((await Promise.all([...first, ...second])).every((o) => o.ok)).toBe(true);
    await repair;
    expect(renders.map((r) => `${r.lines.join()}${r.behind ? ' behind' : ''}`)).toEqual(['a', 'c behind', 'c']);
    expect(network.names('osu-dc')).toEqual(['a', 'c', 'x']);
  });
});

describe('devices our last round left (no read while nobody else held them)', () => {
  it('a round on a device our last committed round left, nobody between, begins where that round ended', async () => {
    const network = new FakeGroupNetwork();
    const { group, renders } = stagedOver(network);
    expect((await group.submit(jobsOnOneDc(['a'])[0]!)).ok).toBe(true);
    expect((await group.submit(jobsOnOneDc(['b'])[0]!)).ok).toBe(true);
    // Two rounds (a was over when b came), yet osu-dc was read once: b began where a's change set ended.
    expect(renders.map((r) => r.lines)).toEqual([['a'], ['b']]);
    expect(network.device('osu-dc').reads).toBe(1);
    expect(network.names('osu-dc')).toEqual(['a', 'b']);
  });

  it('reads the device again once someone else held it, or after a round on it that did not commit', async () => {
    const network = new FakeGroupNetwork();
    const locks = new DeviceLocks();
    const { group } = stagedOver(network, locks);
    const dc = network.device('osu-dc');
    expect((await group.submit(jobsOnOneDc(['a'])[0]!)).ok).toBe(true);
    // A repair adds x by hand between two rounds: the next one must see it.
    await locks.run(['osu-dc'], async () => {
      const osu = dc.config['milli-osu:osu'] as { connections: { connection: { name: string }[] } };
      dc.config = { 'milli-osu:osu': { connections: { connection: [...osu.connections.connection, { name: 'x' }] } } };
    });
    expect((await group.submit(jobsOnOneDc(['b'])[0]!)).ok).toBe(true);
    expect(dc.reads).toBe(2);
    dc.refuse.add('c');
    expect((await group.submit(jobsOnOneDc(['c'])[0]!)).ok).toBe(false);
    expect(dc.reads).toBe(2);
    // c's round was rolled back: what the device holds is read again.
    expect((await group.submit(jobsOnOneDc(['d'])[0]!)).ok).toBe(true);
    expect(dc.reads).toBe(3);
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'd', 'x']);
  });
});

describe('rounds sent to devices that validate their edits themselves (devicesValidate)', () => {
  it('a round of several lines is not validated here; a refusal rolls it back and bisects it, the line alone named here', async () => {
    const network = new FakeGroupNetwork();
    // The device refuses what the modules refuse: the same line is invalid for both.
    network.schema.invalid.add('osu-dc:c');
    network.device('osu-dc').refuse.add('c');
    const rounds: string[][] = [];
    const group = new GroupCommit({
      locks: new DeviceLocks(),
      maxLines: 64,
      round: (jobs, persistId, devices) => {
        rounds.push(jobs.map((j) => j.line));
        return runGroupRound({ ...network.parts(), devicesValidate: true }, jobs, persistId, devices);
      },
    });
    const jobs = jobsOnOneDc(['a', 'b', 'c', 'd']);
    const outcomes = await Promise.allSettled(jobs.map((j) => group.submit(j)));

    expect(outcomes.map((o) => o.status === 'fulfilled' && o.value.ok)).toEqual([true, true, false, true]);
    // The joined change sets went to the device unvalidated; its refusal made every line on it a suspect.
    expect(network.device('osu-dc').prepared[0]).toEqual(['a', 'b', 'c', 'd']);
    expect(rounds).toEqual([['a', 'b', 'c', 'd'], ['a', 'b'], ['c', 'd'], ['c'], ['d']]);
    // Only lines alone were validated here (c and d, then c again, each rendering alone).
    expect(network.schema.validations.get('cpe-a')).toBeUndefined();
    // Alone, the line validates as it renders: its error is the YANG problem, and it never reached the device again.
    const reason = (outcomes[2] as PromiseRejectedResult).reason;
    expect(isMilliError(reason, 'DRIVER_VALIDATION')).toBe(true);
    expect((reason as Error).message).toContain('osu-dc: connection c breaks must');
    expect(network.device('osu-dc').prepared.filter((names) => names.includes('c'))).toEqual([
      ['a', 'b', 'c', 'd'],
      ['c', 'd'],
    ]);
    expect(network.names('osu-dc')).toEqual(['a', 'b', 'd']);
  });
});
