import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { NS, testContext } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Resident memory outside the JS heap (rss - heapTotal), in MB: native leaks show here, while V8 growing or
 * shrinking its own heap (which it does in steps, leak or not) does not.
 */
function nativeMb(): number {
  gc();
  const { rss, heapTotal } = process.memoryUsage();
  return (rss - heapTotal) / 2 ** 20;
}

/**
 * Leak checks by resident memory. The bounds are generous because malloc settles its arenas in steps;
 * the leaks they guard against are far larger.
 */
describe('memory', () => {
  it('parses, validates and frees 100,000 documents with flat resident memory', () => {
    const DOCUMENTS = 100_000;
    // A leaked tree of this document costs well over 1 kB: 100,000 of them would add 100+ MB.
    const MAX_GROWTH_MB = 64;
    const ctx = testContext();
    try {
      const doc = `<device xmlns="${NS}"><name>r</name><port><name>p1</name></port></device>`;
      const bad = `<device xmlns="${NS}"><name>r</name><bogus/></device>`;
      const cycle = (i: number) => {
        const tree = ctx.parseData(doc, { format: 'xml', mode: 'config' });
        tree.dispose();
        if (i % 100 === 0) {
          try {
            ctx.parseData(bad, { format: 'xml', mode: 'config' });
          } catch {}
        }
      };
      for (let i = 0; i < 10_000; i++) cycle(i);
      const before = nativeMb();
      const started = performance.now();
      for (let i = 0; i < DOCUMENTS; i++) cycle(i);
      const after = nativeMb();
      console.log(
        `${DOCUMENTS} documents in ${((performance.now() - started) / 1000).toFixed(1)} s; native resident memory after warm-up ${before.toFixed(1)} MB, after ${after.toFixed(1)} MB`,
      );
      expect(after - before).toBeLessThan(MAX_GROWTH_MB);
      expect(ctx.handle.trees.size).toBe(0);
    } finally {
      ctx.dispose();
    }
  });

  it('a datastore replaced by edited copies, as a device keeps one, holds one tree and no more', () => {
    const REPLACEMENTS = 300;
    const ctx = testContext();
    try {
      let running = ctx.newTree();
      running.newPath('/milli-test-optical:device/name', 'big');
      for (let i = 0; i < 1000; i++) running.newPath(`/milli-test-optical:device/port[name='port-${i}']/kind`, 'add-drop');
      running.validate('config');
      const replace = (i: number) => {
        const candidate = running.duplicate();
        candidate.newPath(`/milli-test-optical:device/tag`, `t${i}`);
        candidate.validate('config');
        const committed = candidate.duplicate(); // valid already: a copy, no second validation
        expect(committed.isValid('config')).toBe(true);
        candidate.dispose();
        running.dispose();
        running = committed;
      };
      for (let i = 0; i < 50; i++) replace(i);
      const before = nativeMb();
      for (let i = 50; i < 50 + REPLACEMENTS; i++) replace(i);
      const after = nativeMb();
      // One such tree takes well over 100 kB: keeping every old one would add 30+ MB.
      console.log(`${REPLACEMENTS} replacements: native resident memory ${before.toFixed(1)} MB -> ${after.toFixed(1)} MB`);
      expect(after - before).toBeLessThan(15);
      expect(ctx.handle.trees.size).toBe(1);
      running.dispose();
    } finally {
      ctx.dispose();
    }
  });

  it('frees every string libyang prints for us (the char ** out-parameter pitfall)', () => {
    const PRINTS = 600;
    const ctx = testContext();
    try {
      const tree = ctx.newTree();
      tree.newPath(`/milli-test-optical:device/name`, 'big');
      for (let i = 0; i < 1000; i++) tree.newPath(`/milli-test-optical:device/port[name='port-${i}']/kind`, 'add-drop');
      const size = tree.print('json').length;
      expect(size).toBeGreaterThan(40_000);
      // Leaking each printed buffer would add PRINTS * size bytes: about 40 MB.
      const MAX_GROWTH_MB = (PRINTS * size) / 2 ** 20 / 2;
      for (let i = 0; i < 150; i++) tree.print('json');
      const before = nativeMb();
      for (let i = 0; i < PRINTS; i++) tree.print('json');
      const after = nativeMb();
      console.log(
        `${PRINTS} prints of ${size} bytes: native resident memory ${before.toFixed(1)} MB -> ${after.toFixed(1)} MB (bound +${MAX_GROWTH_MB.toFixed(0)} MB)`,
      );
      expect(after - before).toBeLessThan(MAX_GROWTH_MB);
    } finally {
      ctx.dispose();
    }
  });
});
