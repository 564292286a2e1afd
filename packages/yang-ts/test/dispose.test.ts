import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { YangContext } from '../src/index';
import { FIXTURES, captureError, deviceXml, testContext } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function collectUntil(done: () => boolean, rounds = 50): Promise<boolean> {
  for (let i = 0; i < rounds && !done(); i++) {
    gc();
    await sleep(20);
  }
  return done();
}

describe('dispose and finalizers', () => {
  it('a disposed tree throws YANG_DISPOSED on use, and so do its node views; dispose twice is harmless', () => {
    const ctx = testContext();
    try {
      const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
      const node = tree.find('//port')[0]!;
      tree.dispose();
      tree.dispose();
      expect(captureError(() => tree.print('xml')).code).toBe('YANG_DISPOSED');
      expect(captureError(() => tree.find('//port')).code).toBe('YANG_DISPOSED');
      expect(captureError(() => tree.isEmpty()).code).toBe('YANG_DISPOSED');
      expect(captureError(() => node.value).code).toBe('YANG_DISPOSED');
      expect(captureError(() => node.children()).code).toBe('YANG_DISPOSED');
      expect(ctx.handle.trees.size).toBe(0);
    } finally {
      ctx.dispose();
    }
  });

  it('disposing the context frees and invalidates its trees instead of crashing', () => {
    const ctx = testContext();
    const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const other = tree.duplicate();
    const node = tree.roots()[0]!;
    expect(ctx.handle.trees.size).toBe(2);
    ctx[Symbol.dispose]();
    expect(ctx.handle.trees.size).toBe(0);
    for (const fn of [
      () => tree.print('json'),
      () => other.find('//name'),
      () => node.path,
      () => ctx.newTree(),
      () => ctx.listModules(),
    ]) {
      expect(captureError(fn).code).toBe('YANG_DISPOSED');
    }
    tree.dispose();
    ctx.dispose();
  });

  it('node views go stale after a change that may free nodes, fresh views work', () => {
    const ctx = testContext();
    try {
      const tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
      const port = tree.find("//port[name='p2']")[0]!;
      tree.remove("//port[name='p2']");
      const error = captureError(() => port.name);
      expect(error.code).toBe('YANG_DISPOSED');
      expect(error.message).toMatch(/stale/);
      expect(tree.find('//port').map((p) => p.path)).toEqual(["/milli-test-optical:device/port[name='p1']"]);
      const name = tree.find('//device/name')[0]!;
      tree.newPath('/milli-test-optical:device/tag', 'still-valid');
      expect(name.value).toBe('roadm-1');
    } finally {
      ctx.dispose();
    }
  });

  it('the finalizer frees trees that were dropped without dispose', async () => {
    const ctx = testContext();
    try {
      (() => {
        for (let i = 0; i < 50; i++) ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
      })();
      expect(ctx.handle.trees.size).toBe(50);
      expect(await collectUntil(() => ctx.handle.trees.size === 0)).toBe(true);
    } finally {
      ctx.dispose();
    }
  });

  it('the finalizer destroys a dropped context, and its trees with it', async () => {
    let handle: YangContext['handle'] | undefined;
    (() => {
      const ctx = new YangContext({ searchDirs: [FIXTURES] });
      ctx.loadModule('milli-test-optical');
      ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
      handle = ctx.handle;
    })();
    expect(handle!.ptr).not.toBeNull();
    expect(await collectUntil(() => handle!.ptr === null)).toBe(true);
    expect(handle!.trees.size).toBe(0);
  });

  it('a live tree keeps its context alive', async () => {
    let tree: ReturnType<YangContext['newTree']> | undefined;
    (() => {
      const ctx = new YangContext({ searchDirs: [FIXTURES] });
      ctx.loadModule('milli-test-optical');
      tree = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    })();
    await collectUntil(() => false, 5);
    expect(tree!.find('//port').length).toBe(2);
    tree!.dispose();
  });
});
