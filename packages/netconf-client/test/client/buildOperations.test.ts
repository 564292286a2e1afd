import { isMilliError } from '@milli/core';
import { describe, expect, it } from 'vitest';
import {
  buildCancelCommit,
  buildCommit,
  buildCopyConfig,
  buildCreateSubscription,
  buildEditConfig,
  buildGetConfig,
  buildGetSchema,
  buildKillSession,
  buildLock,
  buildValidate,
  childElement,
  NETCONF_BASE_NS,
  parseXml,
} from '../../src/index';

// The builders' output, read back through the parser inside an <rpc> as the session sends it.
const inRpc = (op: string) =>
  parseXml(`<rpc xmlns="${NETCONF_BASE_NS}" xmlns:nc="${NETCONF_BASE_NS}" message-id="1">${op}</rpc>`).children[0]!;

function invalid(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isMilliError(err, 'INVALID_ARGUMENT')) return err.message;
    throw err;
  }
  throw new Error('expected INVALID_ARGUMENT');
}

describe('operation builders', () => {
  it('get-config with an XPath filter declares each namespace on the filter', () => {
    const op = inRpc(
      buildGetConfig('candidate', { type: 'xpath', select: "/r:roadm/r:x[r:n='a&b']", namespaces: { r: 'urn:r', d: 'urn:d' } }),
    );
    expect(childElement(op, 'source')?.children[0]?.local).toBe('candidate');
    const filter = childElement(op, 'filter')!;
    expect(filter.attributes.map((a) => [a.name, a.value])).toEqual([
      ['type', 'xpath'],
      ['xmlns:r', 'urn:r'],
      ['xmlns:d', 'urn:d'],
      ['select', "/r:roadm/r:x[r:n='a&b']"],
    ]);
  });

  it('edit-config carries target, default-operation, test-option, error-option and config in RFC order', () => {
    const op = inRpc(
      buildEditConfig({
        target: 'running',
        config: '<x xmlns="urn:x" nc:operation="replace"/>',
        defaultOperation: 'none',
        testOption: 'test-only',
        errorOption: 'rollback-on-error',
      }),
    );
    expect(op.children.map((c) => `${c.local}=${c.text || c.children[0]?.local}`)).toEqual([
      'target=running',
      'default-operation=none',
      'test-option=test-only',
      'error-option=rollback-on-error',
      'config=x',
    ]);
    const x = childElement(op, 'config')!.children[0]!;
    expect(x.attributes.find((a) => a.local === 'operation')).toMatchObject({ ns: NETCONF_BASE_NS, value: 'replace' });
  });

  it('refuses a config that is not well-formed before anything is sent', () => {
    expect(invalid(() => buildEditConfig({ target: 'candidate', config: '<a><b></a>' }))).toMatch(/edit-config: config is not well-formed/);
  });

  it('commit: confirmed with timeout and persist; confirming by persist-id; bad values refused', () => {
    const op = inRpc(buildCommit({ confirmed: true, confirmTimeout: 120, persist: 'tx-1' }));
    expect(op.children.map((c) => [c.local, c.text])).toEqual([
      ['confirmed', ''],
      ['confirm-timeout', '120'],
      ['persist', 'tx-1'],
    ]);
    expect(inRpc(buildCommit({ persistId: 'tx-1' })).children.map((c) => c.local)).toEqual(['persist-id']);
    expect(buildCommit()).toBe('<commit/>');
    expect(invalid(() => buildCommit({ confirmTimeout: 5 }))).toMatch(/needs confirmed/);
    expect(invalid(() => buildCommit({ confirmed: true, confirmTimeout: 0 }))).toMatch(/whole number/);
    expect(invalid(() => buildCommit({ confirmed: true, confirmTimeout: 1.5 }))).toMatch(/whole number/);
    expect(inRpc(buildCancelCommit('tx-1')).children[0]).toMatchObject({ local: 'persist-id', text: 'tx-1' });
  });

  it('copy-config, validate, lock and kill-session name their datastores and ids', () => {
    const copy = inRpc(buildCopyConfig('startup', 'running'));
    expect(copy.children.map((c) => `${c.local}:${c.children[0]?.local}`)).toEqual(['target:startup', 'source:running']);
    expect(inRpc(buildCopyConfig({ url: 'file:///b.xml' }, { config: '<a xmlns="urn:a"/>' })).children[1]?.children[0]?.local).toBe(
      'config',
    );
    expect(inRpc(buildValidate({ config: '<a xmlns="urn:a"/>' })).children[0]?.children[0]?.children[0]).toMatchObject({
      local: 'a',
      ns: 'urn:a',
    });
    expect(inRpc(buildLock('candidate', true))).toMatchObject({ local: 'unlock' });
    expect(invalid(() => buildLock('nowhere' as 'running'))).toMatch(/unknown datastore 'nowhere'/);
    expect(inRpc(buildKillSession(42)).children[0]?.text).toBe('42');
    expect(invalid(() => buildKillSession(0))).toMatch(/session-id/);
  });

  it('get-schema and create-subscription use their own namespaces', () => {
    const schema = inRpc(buildGetSchema('milli-roadm', '2026-11-26'));
    expect(schema).toMatchObject({ local: 'get-schema', ns: 'urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring' });
    expect(schema.children.map((c) => [c.local, c.text])).toEqual([
      ['identifier', 'milli-roadm'],
      ['version', '2026-11-26'],
      ['format', 'yang'],
    ]);
    const sub = inRpc(
      buildCreateSubscription({
        stream: 'NETCONF',
        startTime: '2026-01-01T00:00:00Z',
        filter: { type: 'subtree', content: '<a xmlns="urn:a"/>' },
      }),
    );
    expect(sub).toMatchObject({ local: 'create-subscription', ns: 'urn:ietf:params:xml:ns:netconf:notification:1.0' });
    expect(sub.children.map((c) => c.local)).toEqual(['stream', 'filter', 'startTime']);
  });
});
