import { describe, expect, it } from 'vitest';
import { parseKnownHosts, sha256Fingerprint, verifyAgainstFingerprint, verifyAgainstKnownHosts } from '../../src/index';

const keyA = Buffer.from('key-a-blob');
const keyB = Buffer.from('key-b-blob');
const b64 = (k: Buffer) => k.toString('base64');

describe('known_hosts', () => {
  const entries = parseKnownHosts(
    [
      '# comment',
      '',
      `router1,10.0.0.1 ssh-ed25519 ${b64(keyA)}`,
      `[10.0.0.2]:830 ssh-ed25519 ${b64(keyA)} comment here`,
      `*.lab.example,!bad.lab.example ssh-ed25519 ${b64(keyB)}`,
      `@cert-authority *.example ssh-ed25519 ${b64(keyB)}`,
      `@revoked * ssh-ed25519 ${b64(Buffer.from('stolen'))}`,
    ].join('\n'),
  );

  it('parses entries, skipping comments and CA lines', () => {
    expect(entries.map((e) => [e.hosts, e.revoked, e.line])).toEqual([
      ['router1,10.0.0.1', false, 3],
      ['[10.0.0.2]:830', false, 4],
      ['*.lab.example,!bad.lab.example', false, 5],
      ['*', true, 7],
    ]);
  });

  it('matches names, ports, wildcards and negations', () => {
    expect(verifyAgainstKnownHosts(entries, '10.0.0.1', 22, keyA)).toEqual({ ok: true });
    expect(verifyAgainstKnownHosts(entries, '10.0.0.2', 830, keyA)).toEqual({ ok: true });
    expect(verifyAgainstKnownHosts(entries, '10.0.0.2', 22, keyA)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(verifyAgainstKnownHosts(entries, 'x.lab.example', 22, keyB)).toEqual({ ok: true });
    expect(verifyAgainstKnownHosts(entries, 'bad.lab.example', 22, keyB)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(verifyAgainstKnownHosts(entries, 'router1', 22, keyB)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifyAgainstKnownHosts(entries, 'router1', 22, Buffer.from('stolen'))).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('pins by fingerprint with or without the SHA256: prefix', () => {
    const fp = sha256Fingerprint(keyA);
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(verifyAgainstFingerprint(fp, keyA)).toEqual({ ok: true });
    expect(verifyAgainstFingerprint(fp.slice(7), keyA)).toEqual({ ok: true });
    expect(verifyAgainstFingerprint(fp, keyB)).toMatchObject({ ok: false, reason: 'mismatch' });
  });
});
