import type { Clock } from '@milli/core';
import { parseXml, serializeXml } from '@milli/netconf-client';
import { describe, expect, it } from 'vitest';
import { ConfirmedCommit } from '../src/device/datastore/ConfirmedCommit';
import { LockManager } from '../src/device/datastore/LockManager';
import { RpcError } from '../src/device/server/RpcError';
import { clipForReply } from '../src/device/server/clipForReply';
import { applySubtreeFilter } from '../src/device/datastore/subtreeFilter';
import { takeValuelessDeletes } from '../src/device/datastore/valuelessDeletes';
import { qualifyPath } from '../src/device/datastore/qualifyPath';
import { rewriteXpathPrefixes } from '../src/device/datastore/xpathPrefixes';

const DATA = parseXml(
  '<data><top xmlns="urn:a"><item><k>1</k><v>one</v><w>x</w></item><item><k>2</k><v>two</v><w>y</w></item><item><k>3</k><v>two</v><w>z</w></item><c><d>4</d></c></top><other xmlns="urn:b"><e/></other></data>',
);
const filter = (xml: string) =>
  applySubtreeFilter(DATA.children, parseXml(`<filter>${xml}</filter>`).children)
    .map(serializeXml)
    .join('');

describe('subtree filter (RFC 6241 section 6)', () => {
  it('selects whole subtrees by namespace and name', () => {
    expect(filter('<other xmlns="urn:b"/>')).toBe('<other xmlns="urn:b"><e/></other>');
    expect(filter('<other xmlns="urn:zzz"/>')).toBe('');
    // No namespace on the filter element matches any namespace.
    expect(filter('<other/>')).toBe('<other xmlns="urn:b"><e/></other>');
  });

  it('keeps the entries whose content matches, with the selected siblings only', () => {
    expect(filter('<top xmlns="urn:a"><item><v>two</v><k/></item></top>')).toBe(
      '<top xmlns="urn:a"><item><k>2</k><v>two</v></item><item><k>3</k><v>two</v></item></top>',
    );
    // Content match alone returns the whole entry.
    expect(filter('<top xmlns="urn:a"><item><k>1</k></item></top>')).toBe(
      '<top xmlns="urn:a"><item><k>1</k><v>one</v><w>x</w></item></top>',
    );
  });

  it('drops containment nodes with nothing under them and merges two filters on one element', () => {
    expect(filter('<top xmlns="urn:a"><item><k>9</k></item></top>')).toBe('');
    expect(filter('<top xmlns="urn:a"><c/></top><top xmlns="urn:a"><item><k>2</k><w/></item></top>')).toBe(
      '<top xmlns="urn:a"><item><k>2</k><w>y</w></item><c><d>4</d></c></top>',
    );
  });
});

describe('XPath prefixes', () => {
  const modules = new Map([
    ['urn:milli:yang:milli-roadm', 'milli-roadm'],
    ['urn:milli:yang:milli-device', 'milli-device'],
  ]);
  it('turns request prefixes into module names, leaving literals, axes and functions alone', () => {
    const scope = new Map([
      ['r', 'urn:milli:yang:milli-roadm'],
      ['d', 'urn:milli:yang:milli-device'],
    ]);
    expect(rewriteXpathPrefixes("/r:roadm/r:media-channels/r:media-channel[r:name='a:b']/child::r:channel", scope, modules)).toBe(
      "/milli-roadm:roadm/milli-roadm:media-channels/milli-roadm:media-channel[milli-roadm:name='a:b']/child::milli-roadm:channel",
    );
    expect(rewriteXpathPrefixes('count(/d:device/d:ports/d:port) > 1', scope, modules)).toBe(
      'count(/milli-device:device/milli-device:ports/milli-device:port) > 1',
    );
    expect(rewriteXpathPrefixes('/milli-roadm:roadm', new Map(), modules)).toBe('/milli-roadm:roadm');
  });
  it('refuses an undeclared prefix and a namespace no module has', () => {
    expect(() => rewriteXpathPrefixes('/x:roadm', new Map(), modules)).toThrow(RpcError);
    expect(() => rewriteXpathPrefixes('/x:roadm', new Map([['x', 'urn:nope']]), modules)).toThrow(/no loaded module/);
  });
});

/** A clock whose timers fire only when told. */
function manualClock() {
  let now = 0;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout(fn, ms) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => (t.live = false) };
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers) {
      if (!t.live || t.at > now) continue;
      t.live = false;
      t.fn();
    }
  };
  return { clock, advance };
}

describe('ConfirmedCommit', () => {
  it('rolls back to the first snapshot when the timer fires, even after an extending confirmed commit', () => {
    const { clock, advance } = manualClock();
    const rolled: string[] = [];
    const cc = new ConfirmedCommit<string>((snapshot, reason) => rolled.push(`${snapshot}:${reason}`), clock);
    const first = { sessionId: 1, confirmed: true, timeoutSeconds: 10 };
    cc.arm(cc.plan(first), first, () => 'v0');
    advance(5000);
    const extend = { sessionId: 1, confirmed: true, timeoutSeconds: 10 };
    const plan = cc.plan(extend);
    expect(plan.kind).toBe('confirmed-extend');
    cc.arm(plan, extend, () => 'v1');
    advance(9000);
    expect(rolled).toEqual([]);
    advance(1000);
    expect(rolled).toEqual(['v0:timeout']);
    expect(cc.isPending).toBe(false);
  });

  it('confirms with the persist-id from any session, and rolls back on session end only without persist', () => {
    const { clock } = manualClock();
    const rolled: string[] = [];
    const cc = new ConfirmedCommit<string>((snapshot, reason) => rolled.push(`${snapshot}:${reason}`), clock);
    const persistent = { sessionId: 1, confirmed: true, persist: 'p' };
    cc.arm(cc.plan(persistent), persistent, () => 'v0');
    cc.sessionEnded(1);
    expect(rolled).toEqual([]);
    expect(() => cc.plan({ sessionId: 2, confirmed: false })).toThrow(/persist-id/);
    const confirm = cc.plan({ sessionId: 2, confirmed: false, persistId: 'p' });
    expect(confirm).toEqual({ kind: 'confirm', snapshot: 'v0' });
    cc.arm(confirm, { sessionId: 2, confirmed: false }, () => 'x');
    expect(cc.isPending).toBe(false);

    const plain = { sessionId: 3, confirmed: true };
    cc.arm(cc.plan(plain), plain, () => 'v1');
    expect(() => cc.cancel(4, undefined)).toThrow(/session 3/);
    cc.sessionEnded(3);
    expect(rolled).toEqual(['v1:session-end']);
  });
});

describe('LockManager', () => {
  it('denies with the holder, releases by session, and refuses a dirty candidate', () => {
    const locks = new LockManager();
    locks.lock('running', 1);
    expect(() => locks.lock('running', 2)).toThrow(expect.objectContaining({ tag: 'lock-denied', extra: { info: { sessionId: 1 } } }));
    expect(() => locks.assertWritable('running', 2)).toThrow(expect.objectContaining({ tag: 'in-use' }));
    expect(locks.releaseAll(1)).toEqual(['running']);
    locks.lock('running', 2);
    expect(() => locks.lock('candidate', 2, 5)).toThrow(expect.objectContaining({ tag: 'lock-denied' }));
    locks.lock('candidate', 5, 5);
    expect(locks.holder('candidate')).toBe(5);
  });
});

describe('value-less leaf deletes', () => {
  it('takes empty delete/remove elements out and leaves list entries and leaf-list values', () => {
    const NC = 'urn:ietf:params:xml:ns:netconf:base:1.0';
    const config = parseXml(
      `<config xmlns:nc="${NC}"><top xmlns="urn:a"><item><k>1</k><v nc:operation="delete"/><ll nc:operation="delete">7</ll></item><item nc:operation="remove"><k>2</k></item></top></config>`,
    );
    const { roots, deletes } = takeValuelessDeletes(config.children);
    expect(deletes.map((d) => [d.element.local, d.operation, d.chain.map((c) => c.local).join('/')])).toEqual([
      ['v', 'delete', 'top/item'],
    ]);
    expect(roots.map(serializeXml).join('')).not.toContain('<v ');
    expect(roots.map(serializeXml).join('')).toContain('>7</ll>');
  });
});

describe('instance-identifiers in XML (netconf-config-change targets)', () => {
  it('prefixes every node and key name with its module, leaving quoted values, positions and . alone', () => {
    expect(qualifyPath("/milli-roadm:roadm/media-channels/media-channel[name='a/b:c[1]']")).toEqual({
      path: "/milli-roadm:roadm/milli-roadm:media-channels/milli-roadm:media-channel[milli-roadm:name='a/b:c[1]']",
      modules: ['milli-roadm'],
    });
    expect(qualifyPath('/m:a/n:b[.="x"]/c[2]')).toEqual({ path: '/m:a/n:b[.="x"]/n:c[2]', modules: ['m', 'n'] });
  });
});

describe('clipForReply', () => {
  it('keeps short text, clips long quoted values to a prefix with their length, and caps the whole', () => {
    expect(clipForReply('no such port "p-1"')).toBe('no such port "p-1"');
    const clipped = clipForReply(`Invalid value "${'x'.repeat(100)}" of 'chan' and '${'y'.repeat(10)}'.`);
    expect(clipped).toBe(`Invalid value "${'x'.repeat(64)}..." (100 characters) of 'chan' and '${'y'.repeat(10)}'.`);
    const huge = clipForReply(`Invalid value "${'z'.repeat(4_000_000)}" in /a/b.`);
    expect(huge).toBe(`Invalid value "${'z'.repeat(64)}..." (4000000 characters) in /a/b.`);
    const unquoted = clipForReply('a'.repeat(5000));
    expect(unquoted).toBe(`${'a'.repeat(1024)}... (3976 more characters)`);
    expect(clipForReply(`"${'b'.repeat(5000)}`)).toBe(`"${'b'.repeat(1023)}... (3977 more characters)`);
  });
});
