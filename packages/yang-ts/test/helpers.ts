import { fileURLToPath } from 'node:url';
import { YangContext, YangError } from '../src/index';

export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
export const NS = 'urn:milli:test:optical';
export const NC = 'urn:ietf:params:xml:ns:netconf:base:1.0';

/** A context with the test module (all features) and ietf-netconf (for operation attributes and NETCONF RPCs). */
export function testContext(): YangContext {
  const ctx = new YangContext({ searchDirs: [FIXTURES] });
  ctx.loadModule('milli-test-optical');
  ctx.loadModule('ietf-netconf');
  return ctx;
}

/** A valid config datastore: two ports and one cross-connect between them. */
export function deviceXml(extra = ''): string {
  return `<device xmlns="${NS}"><name>roadm-1</name><port><name>p1</name></port><port><name>p2</name><kind>add-drop</kind></port><cross-connect><channel>5</channel><from>p1</from><to>p2</to><target-power-dbm>-3.5</target-power-dbm></cross-connect>${extra}</device>`;
}

/** Runs fn and returns the YangError it throws; fails the test when it throws nothing or something else. */
export function captureError(fn: () => unknown): YangError {
  try {
    fn();
  } catch (error) {
    if (error instanceof YangError) return error;
    throw error;
  }
  throw new Error('expected a YangError, nothing was thrown');
}
