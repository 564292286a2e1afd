import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YangContext } from '../src/index';
import { NC, NS, captureError, deviceXml, testContext } from './helpers';

let ctx: YangContext;
beforeAll(() => {
  ctx = testContext();
});
afterAll(() => ctx.dispose());

const deviceJson = JSON.stringify({
  'milli-test-optical:device': {
    name: 'roadm-1',
    port: [{ name: 'p1' }, { name: 'p2', kind: 'add-drop' }],
    'cross-connect': [{ channel: 5, from: 'p1', to: 'p2', 'target-power-dbm': '-3.5' }],
  },
});

describe('parseData', () => {
  it('parses and validates a config datastore in XML and in JSON to the same tree', () => {
    const fromXml = ctx.parseData(deviceXml(), { format: 'xml', mode: 'config' });
    const fromJson = ctx.parseData(deviceJson, { format: 'json', mode: 'config' });
    expect(fromJson.print('xml')).toBe(fromXml.print('xml'));
    expect(fromXml.find('//cross-connect/target-power-dbm')[0]?.value).toBe('-3.5');
    expect(fromXml.diff(fromJson)).toBeNull();
  });

  it('config mode refuses state data, config+state accepts it (XML and JSON)', () => {
    const withState = deviceXml('<port><name>p3</name><oper-status>up</oper-status></port>');
    const error = captureError(() => ctx.parseData(withState, { format: 'xml', mode: 'config' }));
    expect(error.code).toBe('YANG_VALIDATION');
    expect(error.records[0]).toMatchObject({
      level: 'error',
      code: 7,
      validationCodeName: 'LYVE_DATA',
      message: 'Unexpected data state node "oper-status" found.',
      dataPath: "/milli-test-optical:device/port[name='p3']/oper-status",
      line: 1,
    });
    const tree = ctx.parseData(withState, { format: 'xml', mode: 'config+state' });
    expect(tree.find("//port[name='p3']/oper-status")[0]?.value).toBe('up');
    expect(tree.find("//port[name='p3']/oper-status")[0]?.isConfig).toBe(false);
    const json = JSON.stringify({ 'milli-test-optical:device': { name: 'r', port: [{ name: 'p1', 'oper-status': 'down' }] } });
    expect(() => ctx.parseData(json, { format: 'json', mode: 'config' })).toThrow(/state node/);
    expect(ctx.parseData(json, { format: 'json', mode: 'config+state' }).find('//oper-status')[0]?.value).toBe('down');
  });

  it('strict parsing (the default) rejects an unknown node with its location; non-strict drops it', () => {
    const doc = deviceXml('<colour>blue</colour>');
    const error = captureError(() => ctx.parseData(doc, { format: 'xml', mode: 'config' }));
    expect(error.code).toBe('YANG_PARSE');
    expect(error.records).toEqual([
      {
        level: 'error',
        code: 7,
        validationCode: 4,
        validationCodeName: 'LYVE_REFERENCE',
        message: 'Node "colour" not found as a child of "device" node.',
        dataPath: '/milli-test-optical:device',
        line: 1,
      },
    ]);
    const lenient = ctx.parseData(doc, { format: 'xml', mode: 'config', strict: false });
    expect(lenient.print('xml')).not.toContain('colour');
  });

  it('reports a must violation with its error-message, app-tag and data path', () => {
    const loop = `<device xmlns="${NS}"><name>r</name><port><name>p1</name></port><cross-connect><channel>5</channel><from>p1</from><to>p1</to></cross-connect></device>`;
    const error = captureError(() => ctx.parseData(loop, { format: 'xml', mode: 'config' }));
    expect(error.code).toBe('YANG_VALIDATION');
    expect(error.records).toEqual([
      {
        level: 'error',
        code: 7,
        validationCode: 9,
        validationCodeName: 'LYVE_DATA',
        message: 'a cross-connect cannot loop a port onto itself',
        dataPath: "/milli-test-optical:device/cross-connect[channel='5'][from='p1']",
        appTag: 'loop',
      },
    ]);
    expect(error.message).toContain("cross-connect[channel='5'][from='p1']");
    expect(error.context.records).toBe(error.records);
  });

  it('reports range, leafref, duplicate key, mandatory and syntax errors with line numbers', () => {
    const xc = "/milli-test-optical:device/cross-connect[channel='5'][from='p1']";
    const cases: [string, RegExp, { dataPath?: string; schemaPath?: string; line?: number }][] = [
      [deviceXml().replace('-3.5', '42'), /out of the allowed range/, { dataPath: `${xc}/target-power-dbm`, line: 1 }],
      [deviceXml().replace('<to>p2</to>', '<to>p9</to>'), /Invalid leafref value "p9"/, { dataPath: `${xc}/to` }],
      [
        deviceXml('<port><name>p1</name></port>'),
        /Duplicate instance of "port"/,
        { dataPath: "/milli-test-optical:device/port[name='p1']", line: 1 },
      ],
      [
        `<device xmlns="${NS}">\n<port><name>p1</name></port>\n</device>`,
        /Mandatory node "name" instance does not exist/,
        { schemaPath: '/milli-test-optical:device/name' },
      ],
      // The unclosed </port is found where the next tag starts, on line 4.
      [`<device xmlns="${NS}">\n<name>r</name>\n<port><name>p1</name></port\n</device>`, /./, { line: 4 }],
    ];
    for (const [doc, message, location] of cases) {
      const error = captureError(() => ctx.parseData(doc, { format: 'xml', mode: 'config' }));
      const record = error.records[0]!;
      expect(record.message).toMatch(message);
      for (const key of ['dataPath', 'schemaPath', 'line'] as const) {
        if (location[key] !== undefined) expect(record[key]).toBe(location[key]);
      }
      if (location.line === undefined) expect(record.line).toBeUndefined();
    }
  });

  it('reports JSON syntax errors as YANG_PARSE', () => {
    const error = captureError(() => ctx.parseData('{"milli-test-optical:device": {"name": }', { format: 'json', mode: 'config' }));
    expect(error.code).toBe('YANG_PARSE');
    expect(error.records[0]?.validationCodeName).toMatch(/^LYVE_SYNTAX/);
    expect(error.records[0]?.line).toBe(1);
  });

  it('edit mode keeps nc:operation attributes as metadata and does not validate (XML)', () => {
    const edit = `<device xmlns="${NS}" xmlns:nc="${NC}"><port nc:operation="delete"><name>p1</name></port><cross-connect nc:operation="create"><channel>7</channel><from>p2</from><to>p1</to></cross-connect></device>`;
    const tree = ctx.parseData(edit, { format: 'xml', mode: 'edit' });
    const port = tree.find("/milli-test-optical:device/port[name='p1']")[0]!;
    expect(port.metadata).toEqual([{ module: 'ietf-netconf', name: 'operation', value: 'delete' }]);
    const xc = tree.find('//cross-connect')[0]!;
    expect(xc.metadata).toEqual([{ module: 'ietf-netconf', name: 'operation', value: 'create' }]);
    expect(tree.roots()[0]?.metadata).toEqual([]);
    // Not validated: the mandatory device name is absent and leafrefs point nowhere, both fine for an edit.
    expect(tree.print('xml')).toContain('nc:operation="delete"');
    expect(captureError(() => tree.validate('config')).code).toBe('YANG_VALIDATION');
  });

  it('edit mode reads operation metadata from JSON too', () => {
    const edit = JSON.stringify({
      'milli-test-optical:device': { port: [{ name: 'p1', '@': { 'ietf-netconf:operation': 'remove' } }] },
    });
    const tree = ctx.parseData(edit, { format: 'json', mode: 'edit' });
    expect(tree.find('//port')[0]?.metadata).toEqual([{ module: 'ietf-netconf', name: 'operation', value: 'remove' }]);
  });

  it('edit mode still rejects unknown nodes and bad values', () => {
    expect(captureError(() => ctx.parseData(`<device xmlns="${NS}"><colour/></device>`, { format: 'xml', mode: 'edit' })).code).toBe(
      'YANG_PARSE',
    );
    const badValue = captureError(() =>
      ctx.parseData(`<device xmlns="${NS}"><cross-connect><channel>99</channel><from>a</from></cross-connect></device>`, {
        format: 'xml',
        mode: 'edit',
      }),
    );
    expect(badValue.records[0]?.message).toMatch(/range/);
  });

  it('an empty document is an empty tree', () => {
    const tree = ctx.parseData('', { format: 'xml', mode: 'edit' });
    expect(tree.isEmpty()).toBe(true);
    expect(tree.print('xml')).toBe('');
    expect(tree.roots()).toEqual([]);
    expect(tree.find('//port')).toEqual([]);
  });
});
