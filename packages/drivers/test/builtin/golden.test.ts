import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  ChangeSet,
  MILLI_MODULES,
  MILLI_YANG_DIR,
  type NetconfOps,
  OsuDriverVerbs,
  OtnDriverVerbs,
  RoadmDriverVerbs,
  YangDeviceSchema,
} from '@milli/drivers';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN_CASES } from '../goldenCases';

const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const schema = YangDeviceSchema.forModules();
const IETF_NETCONF = '/usr/share/yuma/modules/ietf/ietf-netconf@2011-06-01.yang';
const yanglint = spawnSync('yanglint', ['--version']).status === 0 && existsSync(IETF_NETCONF);
if (!yanglint) console.log(`yanglint or ${IETF_NETCONF} not found: golden payloads are checked with yang-ts only`);
const scratch = mkdtempSync(join(tmpdir(), 'milli-golden-'));
afterAll(() => {
  schema.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

// Verbs never read the device while building edits; listing is tested against devices elsewhere.
const unused = {} as NetconfOps;

describe('golden edit-config payloads, one per verb', () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.name}: the payload is the checked-in one and validates against the milli modules`, () => {
      const verbs = {
        roadm: new RoadmDriverVerbs(c.device, unused),
        otn: new OtnDriverVerbs(c.device, unused),
        osu: new OsuDriverVerbs(c.device, unused),
      };
      const cs = new ChangeSet({ device: c.device, base: c.base, namespaces: schema.namespaces, schema });
      c.apply(verbs, cs);
      const payload = `${cs.payload()}\n`;
      const file = join(GOLDEN_DIR, `${c.name}.xml`);
      if (UPDATE || !existsSync(file)) writeFileSync(file, payload);
      expect(payload).toBe(readFileSync(file, 'utf8'));

      // yang-ts: the golden text parses as an edit, and base + edits validates as a datastore.
      expect(() => schema.validateEdit(payload, c.device)).not.toThrow();
      expect(() => cs.validate()).not.toThrow();
      // The inverse brings the config back to the base exactly.
      expect(cs.inverse().result()).toEqual(c.base);

      if (yanglint) {
        const path = join(scratch, `${c.name}.xml`);
        writeFileSync(path, payload);
        // ietf-netconf defines the nc:operation attribute.
        const modules = [...MILLI_MODULES.map((m) => join(MILLI_YANG_DIR, `${m}.yang`)), IETF_NETCONF];
        const out = execFileSync('yanglint', ['-p', MILLI_YANG_DIR, '-p', dirname(IETF_NETCONF), '-t', 'edit', ...modules, path], {
          encoding: 'utf8',
        });
        expect(out.trim()).toBe('');
      }
    });
  }
});
