import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { YangContext } from '../src/index';

const YANG = fileURLToPath(new URL('../../../yang', import.meta.url));
// The modules and examples are committed with the repository: a missing one is a failure, not a skip.
describe('the project modules in yang/', () => {
  const ctx = new YangContext();
  afterAll(() => ctx.dispose());

  it('load from the yang/ dir and print their trees', () => {
    const names = ctx.loadModulesFromDir(YANG).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['milli-roadm', 'milli-otn']));
    expect(ctx.printTree('milli-roadm')).toMatch(/^module: milli-roadm/);
    expect(ctx.printTree('milli-otn')).toMatch(/^module: milli-otn/);
  });

  for (const example of ['roadm/valid-config.xml', 'otn/valid-config.xml']) {
    it(`validate examples/${example} and round-trip it through JSON`, () => {
      const text = readFileSync(join(YANG, 'examples', example), 'utf8');
      const tree = ctx.parseData(text, { format: 'xml', mode: 'config' });
      const again = ctx.parseData(tree.print('json'), { format: 'json', mode: 'config' });
      expect(tree.diff(again)).toBeNull();
      expect(tree.roots().length).toBeGreaterThan(0);
    });
  }
});
