import { describe, expect, it } from 'vitest';
import { NetconfRpcError, parseRpcErrors, parseXml } from '../../src/index';

const reply = `<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="5">
  <rpc-error>
    <error-type>application</error-type>
    <error-tag>invalid-value</error-tag>
    <error-severity>error</error-severity>
    <error-app-tag>not-in-range</error-app-tag>
    <error-path xmlns:t="urn:t">/t:top/t:power</error-path>
    <error-message xml:lang="en">value out of range</error-message>
    <error-info><bad-value>99</bad-value><bad-element>power</bad-element></error-info>
  </rpc-error>
  <rpc-error>
    <error-type>protocol</error-type>
    <error-tag>lock-denied</error-tag>
    <error-severity>error</error-severity>
    <error-info><session-id>12</session-id></error-info>
  </rpc-error>
  <rpc-error>
    <error-type>application</error-type>
    <error-tag>operation-failed</error-tag>
    <error-severity>warning</error-severity>
    <error-info><x:detail xmlns:x="urn:x"><x:why>busy</x:why></x:detail></error-info>
  </rpc-error>
</rpc-reply>`;

describe('parseRpcErrors', () => {
  const errors = parseRpcErrors(parseXml(reply));

  it('parses every rpc-error field by field', () => {
    expect(errors).toHaveLength(3);
    expect(errors[0]).toEqual({
      type: 'application',
      tag: 'invalid-value',
      severity: 'error',
      appTag: 'not-in-range',
      path: '/t:top/t:power',
      message: 'value out of range',
      lang: 'en',
      info: { 'bad-value': '99', 'bad-element': 'power' },
    });
    expect(errors[1]).toEqual({ type: 'protocol', tag: 'lock-denied', severity: 'error', info: { 'session-id': '12' } });
  });

  it('keeps structured error-info as elements', () => {
    const info = errors[2]?.info;
    expect(Array.isArray(info)).toBe(true);
    expect((info as { local: string }[])[0]?.local).toBe('detail');
    expect(errors[2]?.severity).toBe('warning');
  });

  it('returns nothing for an ok reply', () => {
    expect(parseRpcErrors(parseXml('<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><ok/></rpc-reply>'))).toEqual([]);
  });

  it('builds a NetconfRpcError whose context names the first error', () => {
    const err = new NetconfRpcError(errors, { rpc: 'edit-config', messageId: '5', host: 'h' });
    expect(err.code).toBe('NETCONF_RPC_ERROR');
    expect(err.context).toMatchObject({ rpc: 'edit-config', errorTag: 'invalid-value', path: '/t:top/t:power', messageId: '5' });
    expect(err.message).toMatch(/edit-config failed: application\/invalid-value at \/t:top\/t:power: value out of range \(and 2 more\)/);
  });
});
