import { afterEach, describe, expect, it, vi } from 'vitest';
import { Budget } from '../src/device/server/guard/Budget';
import { deviceLimits } from '../src/device/server/guard/DeviceLimits';
import { FairShare } from '../src/device/server/guard/FairShare';
import { LoginThrottle } from '../src/device/server/guard/LoginThrottle';
import { USER, otn, roadm, startDevice } from './support/deviceFixtures';
import { capturingLogger, destroyAll, openIdleSockets, stillOpen, tryPassword } from './support/hostileClients';
import { RawSession, isOk } from './support/rawSession';

// A careful SSH server's guards, probed with the limits lowered so that hundreds (not tens of thousands) of
// hostile connections show them: what one client does to a device never reaches another device.
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function device(which: typeof roadm, limits: Parameters<typeof deviceLimits>[0] = {}, logger = capturingLogger()) {
  const started = await startDevice(which, { limits, logger: logger.logger });
  stops.push(started.stop);
  return { ...started, log: logger };
}

const getConfig = '<get-config><source><running/></source></get-config>';

describe('connection admission', () => {
  it('caps a flood of idle TCP connections per device, closes them after the grace time, and the other device keeps answering', async () => {
    const flooded = await device(roadm, { maxUnauthenticated: 8, maxConnections: 16, loginGraceMs: 800 });
    const other = await device(otn);
    const before = process.memoryUsage().rss;
    const flood = await openIdleSockets(flooded.port, 300);
    try {
      // The device holds at most its unauthenticated cap; the rest were closed at accept.
      await vi.waitFor(() => expect(stillOpen(flood)).toBeLessThanOrEqual(8));
      expect(flooded.mock.connections.connections).toBeLessThanOrEqual(8);
      const session = await RawSession.open(other.port);
      expect((await session.rpc(getConfig)).local).toBe('rpc-reply');
      session.close();
      // Nobody authenticated within the grace time: every held connection is closed.
      await vi.waitFor(() => expect(flooded.mock.connections.connections).toBe(0), { timeout: 5000 });
      await vi.waitFor(() => expect(stillOpen(flood)).toBe(0));
      // The flooded device itself answers again once the flood is gone.
      const back = await RawSession.open(flooded.port);
      expect((await back.rpc(getConfig)).local).toBe('rpc-reply');
      back.close();
      // 300 refused connections cost the process next to nothing (stated bound: 64 MiB of RSS growth).
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
      const refusals = flooded.log.lines().filter((l) => l.msg === 'connection refused: over a connection limit');
      expect(refusals.length).toBeGreaterThan(0);
      expect(refusals.length).toBeLessThan(5); // rate-limited: a flood does not flood the log
    } finally {
      destroyAll(flood);
    }
  });

  it('keeps an authenticated client working while its device is flooded up to the connection budget', async () => {
    const dev = await device(roadm, { maxUnauthenticated: 4, maxConnections: 6, loginGraceMs: 20_000 });
    const session = await RawSession.open(dev.port);
    const flood = await openIdleSockets(dev.port, 100);
    try {
      await vi.waitFor(() => expect(stillOpen(flood)).toBeLessThanOrEqual(4));
      expect(dev.mock.connections).toMatchObject({ unauthenticated: 4 });
      expect((await session.rpc(getConfig)).local).toBe('rpc-reply');
    } finally {
      destroyAll(flood);
      session.close();
    }
  });

  it('closes a silent session after the idle timeout but keeps a silent subscriber', async () => {
    const dev = await device(roadm, { idleTimeoutMs: 300 });
    const silent = await RawSession.open(dev.port);
    const subscriber = await RawSession.open(dev.port);
    expect(isOk(await subscriber.rpc('<create-subscription xmlns="urn:ietf:params:xml:ns:netconf:notification:1.0"/>'))).toBe(true);
    await vi.waitFor(() => expect(silent.closed).toBe(true), { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 900)); // three idle timeouts
    expect(subscriber.closed).toBe(false);
    expect((await subscriber.rpc(getConfig)).local).toBe('rpc-reply');
    subscriber.close();
  });

  it('caps session channels per device; a freed slot is usable again', async () => {
    const dev = await device(roadm, { maxSessions: 3 });
    const sessions = await Promise.all([1, 2, 3].map(() => RawSession.open(dev.port)));
    await expect(RawSession.open(dev.port)).rejects.toThrow();
    expect((await sessions[0]!.rpc(getConfig)).local).toBe('rpc-reply');
    sessions[2]!.close();
    await vi.waitFor(() => expect(dev.mock.connections.sessions).toBe(2));
    const again = await RawSession.open(dev.port);
    expect((await again.rpc(getConfig)).local).toBe('rpc-reply');
    for (const s of [...sessions, again]) s.close();
    expect(dev.log.lines().some((l) => l.msg === 'session refused: over a session limit' && l.limit === 'maxSessions')).toBe(true);
  });
});

describe('lab budgets', () => {
  it('shares session slots between devices: one device using the lab’s last slot refuses the next on another', async () => {
    const budgets = { connections: new Budget(100), sessions: new Budget(2) };
    const a = await startDevice(roadm, { sharedBudgets: budgets });
    const b = await startDevice(otn, { sharedBudgets: budgets });
    stops.push(a.stop, b.stop);
    const held = await Promise.all([RawSession.open(a.port), RawSession.open(a.port)]);
    await expect(RawSession.open(b.port)).rejects.toThrow();
    held[0]!.close();
    await vi.waitFor(() => expect(budgets.sessions.inUse).toBe(1));
    const onB = await RawSession.open(b.port);
    expect((await onB.rpc(getConfig)).local).toBe('rpc-reply');
    onB.close();
    held[1]!.close();
  });
});

describe('failed logins', () => {
  it('logs user and peer (never the secret), slows repeated failures, and still lets the right password in', async () => {
    const dev = await device(roadm, { loginFailuresFree: 2, loginBackoffMs: 40, loginBackoffMaxMs: 200, maxAuthTries: 1 });
    const wrong = 'not-the-password-9f3c';
    for (let i = 0; i < 6; i++) expect(await tryPassword(dev.port, USER.username, wrong)).not.toBe('ok');
    expect(await tryPassword(dev.port, USER.username, USER.password)).toBe('ok');
    const failed = dev.log.lines().filter((l) => l.msg === 'login failed');
    expect(failed).toHaveLength(6);
    expect(failed[0]).toMatchObject({ user: USER.username, peer: '127.0.0.1', method: 'password', failures: 1, nextWaitMs: 0 });
    // From the third failure on, each further attempt of this user from this peer waits twice as long (capped).
    expect(failed.map((l) => l.nextWaitMs)).toEqual([0, 40, 80, 160, 200, 200]);
    expect(dev.log.text()).not.toContain(wrong);
    expect(dev.log.text()).not.toContain(USER.password);
  });

  it('closes a connection after maxAuthTries failures on it', async () => {
    const dev = await device(roadm, { maxAuthTries: 3, loginFailuresFree: 10 });
    // Five guesses offered on one connection: the third failure closes it, the last two are never judged.
    expect(await tryPassword(dev.port, 'intruder', ['a', 'b', 'c', 'd', 'e'])).toBe('closed');
    expect(dev.log.lines().filter((l) => l.msg === 'login failed' && l.user === 'intruder')).toHaveLength(3);
    expect(dev.log.lines().filter((l) => l.msg === 'too many failed logins on one connection; closing it')).toHaveLength(1);
    expect(await tryPassword(dev.port, USER.username, USER.password)).toBe('ok');
  });
});

describe('LoginThrottle', () => {
  it('serialises the attempts of a failing pair behind a doubling wait, per peer and user, and forgets on success', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle({ failuresFree: 1, backoffMs: 100, backoffMaxMs: 1000, now: () => now });
    expect(throttle.waitBeforeAttempt('10.0.0.1', 'ops')).toBe(0);
    throttle.failed('10.0.0.1', 'ops');
    expect(throttle.waitBeforeAttempt('10.0.0.1', 'ops')).toBe(0); // the first penalised attempt starts now...
    expect(throttle.waitBeforeAttempt('10.0.0.1', 'ops')).toBe(100); // ...and a concurrent one queues behind it
    throttle.failed('10.0.0.1', 'ops');
    expect(throttle.backoff(2)).toBe(200);
    expect(throttle.waitBeforeAttempt('10.0.0.2', 'ops')).toBe(0); // another peer is not slowed
    expect(throttle.waitBeforeAttempt('10.0.0.1', 'admin')).toBe(0); // nor another user
    now += 10_000;
    throttle.succeeded('10.0.0.1', 'ops');
    expect(throttle.waitBeforeAttempt('10.0.0.1', 'ops')).toBe(0);
    expect(throttle.backoff(20)).toBe(1000);
  });
});

describe('deviceLimits', () => {
  it('fills defaults and refuses a limit that is not a positive whole number, naming it', () => {
    expect(deviceLimits({ maxSessions: 5 }).maxSessions).toBe(5);
    expect(() => deviceLimits({ idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs must be a positive whole number, got -1/);
    expect(() => deviceLimits({ maxElements: 1.5 })).toThrow(/maxElements/);
    expect(() => deviceLimits({ nonsense: 1 } as never)).toThrow(/unknown device limit 'nonsense'/);
  });
});

describe('FairShare', () => {
  it('holds back a device over its share only while a less busy device has requests waiting, and lets it go as they are served', async () => {
    const now = 0;
    const share = new FairShare(0.1, () => now);
    share.charge('hog', 500); // half a second of work just now: five times its share of 100 ms per second
    const ran = (device: string) => share.turn(device).then(() => device);
    expect(await ran('hog')).toBe('hog'); // alone on the host: never held back
    share.charge('quiet', 1);
    share.want('quiet');
    let hogRan = false;
    const turn = share.turn('hog').then(() => {
      hogRan = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(hogRan).toBe(false); // a less busy device waits to be answered: the hog waits
    expect(await Promise.race([ran('quiet'), turn.then(() => 'hog')])).toBe('quiet');
    share.served('quiet');
    await turn; // nobody else waits: the hog goes on at once, its usage still over its share
    expect(share.busy('hog')).toBeGreaterThan(100);
  });

  it('never idles the host for fairness: a device over its share goes on when the others are merely recently active', async () => {
    let now = 0;
    const share = new FairShare(0.1, () => now);
    share.charge('switch', 300); // a large validation, just now
    share.charge('roadm', 5); // another device worked a moment ago and has nothing waiting
    now += 10;
    expect(await Promise.race([share.turn('switch').then(() => 'ran'), new Promise((r) => setTimeout(() => r('held'), 50))])).toBe('ran');
  });

  it('among devices all over their share and all waiting, lets the least busy go first', async () => {
    const now = 0;
    const share = new FairShare(0.1, () => now);
    share.charge('a', 400);
    share.charge('b', 200);
    share.want('a');
    share.want('b');
    const b = await Promise.race([share.turn('b').then(() => 'b ran'), new Promise((r) => setTimeout(() => r('b held'), 50))]);
    expect(b).toBe('b ran');
    let aRan = false;
    const a = share.turn('a').then(() => {
      aRan = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(aRan).toBe(false);
    share.served('b');
    await a;
    expect(aRan).toBe(true);
  });
});
