import { createHash, createHmac } from 'node:crypto';

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostEntry {
  /** Comma-separated host patterns, or a hashed `|1|salt|hash` name. */
  hosts: string;
  keyType: string;
  /** The public key blob, base64 as in the file. */
  key: string;
  revoked: boolean;
  line: number;
}

/** Parse known_hosts text. Comments, blank lines and @cert-authority lines are skipped (no certificate support). */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0]?.startsWith('@')) {
      const marker = fields.shift();
      if (marker === '@cert-authority') return;
      revoked = marker === '@revoked';
    }
    const [hosts, keyType, key] = fields;
    if (hosts && keyType && key) out.push({ hosts, keyType, key, revoked, line: index + 1 });
  });
  return out;
}

/** The name OpenSSH records for a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Whether an entry's host field names this host and port (plain patterns with * and ?, negation, or hashed names). */
export function entryMatchesHost(entry: KnownHostEntry, host: string, port: number): boolean {
  const name = knownHostName(host, port);
  if (entry.hosts.startsWith('|1|')) {
    const [, , salt, hash] = entry.hosts.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  let matched = false;
  for (const pattern of entry.hosts.split(',')) {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    if (globMatch(glob, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function globMatch(glob: string, name: string): boolean {
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}

/** OpenSSH-style fingerprint of a public key blob: `SHA256:` and unpadded base64. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

export type HostKeyVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'mismatch' | 'revoked'; detail: string };

/** Decide on a presented host key against the entries of a known_hosts file. */
export function verifyAgainstKnownHosts(entries: KnownHostEntry[], host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
  const presented = keyBlob.toString('base64');
  const forHost = entries.filter((e) => !e.revoked && entryMatchesHost(e, host, port));
  const revoked = entries.find((e) => e.revoked && e.key === presented && entryMatchesHost(e, host, port));
  if (revoked) return { ok: false, reason: 'revoked', detail: `key is marked @revoked at line ${revoked.line}` };
  if (forHost.some((e) => e.key === presented)) return { ok: true };
  if (forHost.length === 0) return { ok: false, reason: 'unknown', detail: `no known_hosts entry for ${knownHostName(host, port)}` };
  return {
    ok: false,
    reason: 'mismatch',
    detail: `presented key ${sha256Fingerprint(keyBlob)} does not match the ${forHost.length} pinned key(s) for ${knownHostName(host, port)}`,
  };
}

/** Decide on a presented host key against a pinned fingerprint (`SHA256:...`, with or without the prefix). */
export function verifyAgainstFingerprint(expected: string, keyBlob: Buffer): HostKeyVerdict {
  const want = expected
    .trim()
    .replace(/^SHA256:/, '')
    .replace(/=+$/, '');
  const got = sha256Fingerprint(keyBlob);
  if (got === `SHA256:${want}`) return { ok: true };
  return { ok: false, reason: 'mismatch', detail: `presented key ${got} does not match the pinned fingerprint SHA256:${want}` };
}
