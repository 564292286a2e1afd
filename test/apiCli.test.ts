import { buildProgram } from '@milli/cli';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runMilli } from './support/runMilli';
import { OPERATOR_TOKEN, startTestApi, type TestApi, VIEWER_TOKEN } from '../packages/api/test/support/startTestApi';

// The API's client commands, run in this process against a real server over the in-memory controller.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  process.env.MILLI_TEST_OPERATOR = OPERATOR_TOKEN;
  process.env.MILLI_TEST_VIEWER = VIEWER_TOKEN;
});
afterAll(async () => {
  await api.close();
});

function milli(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  return runMilli(api.url, ...args);
}

describe('milli intents, lines and events through the API', () => {
  it('submits with --wait, following each transition until active', async () => {
    const { out, code } = await milli('intents', 'submit', 'connect P-3 to dc-north with 100Mbps', '--wait');
    expect(code).toBe(0);
    const id = /submitted (in-\d+)/.exec(out)?.[1] as string;
    for (const step of ['- → accepted', 'accepted → compiling', 'reserved → provisioning', 'provisioning → active'])
      expect(out).toContain(step);
    expect(out).toMatch(new RegExp(`${id} active \\(line L-\\d+\\)`));
  });

  it('lists, shows and releases, in human form and as JSON', async () => {
    const submitted = JSON.parse((await milli('intents', 'submit', 'connect P-4 to dc-south with 200Mbps', '--json')).out) as {
      id: string;
    };
    const table = (await milli('intents', 'list')).out.split('\n');
    expect(table[0]).toMatch(/^ID\s+KIND\s+LINE\s+STATE/);
    expect(table.some((row) => row.startsWith(submitted.id))).toBe(true);
    const listed = JSON.parse((await milli('intents', 'list', '--json', '--all', '--limit', '1')).out) as { id: string }[];
    expect(listed.map((i) => i.id)).toContain(submitted.id);
    const shown = (await milli('intents', 'show', submitted.id)).out;
    expect(shown).toContain('as written: connect P-4 to dc-south with 200Mbps');
    expect(shown).toContain('history:');
    const lines = (await milli('lines')).out;
    expect(lines).toMatch(/^LINE\s+FROM\s+TO/);
    const released = await milli('intents', 'release', submitted.id);
    expect(released.out).toMatch(new RegExp(`releasing ${submitted.id} .*: deleting`));
  });

  it('prints an API problem as one error line with its code and a non-zero exit', async () => {
    const bad = await milli('intents', 'submit', 'connect P-4 to dc-nrth with 200Mbps');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/error \[INTENT_INVALID\]: unknown site 'dc-nrth'/);
    const missing = await milli('intents', 'show', 'in-none');
    expect(missing.err).toMatch(/error \[API_NOT_FOUND\]/);
  });

  it('follows events with --after and --count', async () => {
    const { out } = await milli('events', '--after', '0', '--count', '3', '--json');
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { seq: number }).seq),
    ).toEqual([1, 2, 3]);
  });

  it('says the API is unreachable, and a viewer may not submit', async () => {
    const out: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    try {
      await buildProgram().parseAsync(['node', 'milli', 'lines', '--api', 'http://127.0.0.1:9', '--token-env', 'MILLI_TEST_OPERATOR']);
      await buildProgram().parseAsync([
        'node',
        'milli',
        'intents',
        'submit',
        'connect P-4 to dc-south with 200Mbps',
        '--api',
        api.url,
        '--token-env',
        'MILLI_TEST_VIEWER',
      ]);
    } finally {
      stderr.mockRestore();
      process.exitCode = 0;
    }
    expect(out.join('')).toMatch(/error \[API_UNREACHABLE\]: cannot reach the milli API at http:\/\/127\.0\.0\.1:9/);
    expect(out.join('')).toMatch(/error \[API_FORBIDDEN\]/);
  });
});
