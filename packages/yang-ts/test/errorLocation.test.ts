import { describe, expect, it } from 'vitest';
import { parseLocation } from '../src/index';

describe('parseLocation', () => {
  it('splits data location and line number', () => {
    expect(parseLocation(`Data location "/m:a/b[name='x']", line number 12.`)).toEqual({ dataPath: "/m:a/b[name='x']", line: 12 });
  });

  it('splits schema and data locations given together', () => {
    expect(parseLocation('Schema location "/m:a/b", data location "/m:a/b[k=\'1\']", line number 3.')).toEqual({
      schemaPath: '/m:a/b',
      dataPath: "/m:a/b[k='1']",
      line: 3,
    });
  });

  it('keeps a line number alone, and a bare path as the path of the kind asked for', () => {
    expect(parseLocation('Line number 7.')).toEqual({ line: 7 });
    expect(parseLocation('/m:c/x', 'schemaPath')).toEqual({ schemaPath: '/m:c/x' });
    expect(parseLocation('/m:c/x')).toEqual({ dataPath: '/m:c/x' });
    expect(parseLocation(undefined)).toEqual({});
  });
});
