import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YangContext } from '../src/index';
import { NC, NS, captureError, deviceXml, testContext } from './helpers';

let ctx: YangContext;
beforeAll(() => {
  ctx = testContext();
});
afterAll(() => ctx.dispose());

const NOTIF_NS = 'urn:ietf:params:xml:ns:netconf:notification:1.0';

describe('parseOperation', () => {
  it('parses a bare RPC in XML and JSON and validates its input', () => {
    const xml = ctx.parseOperation(`<reset-port xmlns="${NS}"><port>p1</port><hard>true</hard></reset-port>`, {
      format: 'xml',
      kind: 'rpc',
    });
    expect(xml.operation()).toMatchObject({ kind: 'rpc', name: 'reset-port', path: '/milli-test-optical:reset-port' });
    expect(xml.find('/milli-test-optical:reset-port/hard')[0]?.value).toBe('true');
    expect(xml.envelope()).toBeUndefined();
    const json = ctx.parseOperation(JSON.stringify({ 'milli-test-optical:reset-port': { port: 'p1', hard: true } }), {
      format: 'json',
      kind: 'rpc',
    });
    expect(json.print('xml')).toBe(xml.print('xml'));
    const missing = captureError(() =>
      ctx.parseOperation(`<reset-port xmlns="${NS}"><hard>true</hard></reset-port>`, { format: 'xml', kind: 'rpc' }),
    );
    expect(missing.code).toBe('YANG_VALIDATION');
    expect(missing.records[0]?.message).toMatch(/Mandatory node "port"/);
    const unchecked = ctx.parseOperation(`<reset-port xmlns="${NS}"><hard>true</hard></reset-port>`, {
      format: 'xml',
      kind: 'rpc',
      validate: false,
    });
    expect(unchecked.find('//port')).toEqual([]);
  });

  it('parses a NETCONF <rpc> with its envelope and message-id', () => {
    const tree = ctx.parseOperation(`<rpc message-id="101" xmlns="${NC}"><reset-port xmlns="${NS}"><port>p1</port></reset-port></rpc>`, {
      format: 'xml',
      kind: 'rpc',
      netconf: true,
    });
    expect(tree.operation()?.path).toBe('/milli-test-optical:reset-port');
    const envelope = tree.envelope()!;
    expect(envelope).toMatchObject({ kind: 'opaque', name: 'rpc', module: 'ietf-netconf' });
    expect(envelope.metadata).toEqual([{ module: '', name: 'message-id', value: '101' }]);
    expect(tree.print('xml', { shrink: true })).toBe(`<reset-port xmlns="${NS}"><port>p1</port></reset-port>`);
  });

  it('parses a NETCONF edit-config: target, and the config content as anyxml text ready for parseData edit mode', () => {
    const rpc = ctx.parseOperation(
      `<rpc message-id="7" xmlns="${NC}"><edit-config><target><candidate/></target><default-operation>merge</default-operation>` +
        `<config><device xmlns="${NS}" xmlns:nc="${NC}"><port nc:operation="delete"><name>p2</name></port></device></config></edit-config></rpc>`,
      { format: 'xml', kind: 'rpc', netconf: true },
    );
    expect(rpc.operation()?.name).toBe('edit-config');
    expect(rpc.operation()?.module).toBe('ietf-netconf');
    expect(rpc.find('/ietf-netconf:edit-config/target/candidate').length).toBe(1);
    expect(rpc.find('/ietf-netconf:edit-config/default-operation')[0]?.value).toBe('merge');
    const config = rpc.find('/ietf-netconf:edit-config/config')[0]!;
    expect(config.kind).toBe('anyxml');
    const edit = ctx.parseData(config.value!, { format: 'xml', mode: 'edit' });
    expect(edit.find('//port')[0]?.metadata).toEqual([{ module: 'ietf-netconf', name: 'operation', value: 'delete' }]);
  });

  it('parses a bare reply and a NETCONF <rpc-reply> onto its request', () => {
    const bare = ctx.parseOperation(`<reset-port xmlns="${NS}"><duration-ms>12</duration-ms></reset-port>`, {
      format: 'xml',
      kind: 'reply',
    });
    expect(bare.find('/milli-test-optical:reset-port/duration-ms')[0]?.value).toBe('12');
    const request = ctx.parseOperation(`<rpc message-id="5" xmlns="${NC}"><reset-port xmlns="${NS}"><port>p1</port></reset-port></rpc>`, {
      format: 'xml',
      kind: 'rpc',
      netconf: true,
    });
    const reply = ctx.parseOperation(`<rpc-reply message-id="5" xmlns="${NC}"><duration-ms xmlns="${NS}">30</duration-ms></rpc-reply>`, {
      format: 'xml',
      kind: 'reply',
      netconf: true,
      request,
    });
    expect(reply.find('/milli-test-optical:reset-port/duration-ms')[0]?.value).toBe('30');
    expect(reply.envelope()?.name).toBe('rpc-reply');
    expect(reply.envelope()?.metadata).toEqual([{ module: '', name: 'message-id', value: '5' }]);
    // The request is untouched: the reply was parsed onto a copy.
    expect(request.find('//duration-ms')).toEqual([]);
    const ok = ctx.parseOperation(`<rpc-reply message-id="5" xmlns="${NC}"><ok/></rpc-reply>`, {
      format: 'xml',
      kind: 'reply',
      netconf: true,
      request,
    });
    expect(
      ok
        .envelope()
        ?.children()
        .map((c) => c.name),
    ).toEqual(['ok']);
    expect(() => ctx.parseOperation('<rpc-reply/>', { format: 'xml', kind: 'reply', netconf: true })).toThrow(/options.request/);
    const other = testContext();
    try {
      const foreign = other.parseOperation(`<reset-port xmlns="${NS}"><port>p1</port></reset-port>`, { format: 'xml', kind: 'rpc' });
      const error = captureError(() =>
        ctx.parseOperation('<rpc-reply/>', { format: 'xml', kind: 'reply', netconf: true, request: foreign }),
      );
      expect(error.code).toBe('YANG_CONTEXT');
    } finally {
      other.dispose();
    }
  });

  it('parses a bare notification and a NETCONF <notification> with eventTime', () => {
    const bare = ctx.parseOperation(JSON.stringify({ 'milli-test-optical:port-changed': { port: 'p1', status: 'down' } }), {
      format: 'json',
      kind: 'notification',
    });
    expect(bare.operation()).toMatchObject({ kind: 'notification', name: 'port-changed' });
    const tree = ctx.parseOperation(
      `<notification xmlns="${NOTIF_NS}"><eventTime>2026-11-26T10:00:00Z</eventTime><port-changed xmlns="${NS}"><port>p1</port><status>down</status></port-changed></notification>`,
      { format: 'xml', kind: 'notification', netconf: true },
    );
    expect(tree.find('/milli-test-optical:port-changed/status')[0]?.value).toBe('down');
    expect(
      tree
        .envelope()
        ?.children()
        .map((c) => [c.name, c.value]),
    ).toEqual([['eventTime', '2026-11-26T10:00:00Z']]);
    const bad = captureError(() =>
      ctx.parseOperation(`<port-changed xmlns="${NS}"><status>sideways</status></port-changed>`, { format: 'xml', kind: 'notification' }),
    );
    expect(bad.records[0]?.message).toMatch(/sideways/);
  });

  it('names the problem when the message is of another kind or not an operation', () => {
    const wrong = captureError(() =>
      ctx.parseOperation(`<notification xmlns="${NOTIF_NS}"><eventTime>2026-11-26T10:00:00Z</eventTime></notification>`, {
        format: 'xml',
        kind: 'rpc',
        netconf: true,
      }),
    );
    expect(wrong.code).toBe('YANG_PARSE');
    expect(wrong.message).toMatch(/rpc/);
    expect(() => ctx.parseOperation(deviceXml(), { format: 'xml', kind: 'rpc' })).toThrow(/rpc/i);
    expect(() => ctx.parseOperation('{}', { format: 'json', kind: 'rpc', netconf: true })).toThrow(/XML only/);
  });
});
