import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { LabDeviceError } from '../LabDeviceError';

export interface HostKey {
  /** The private key in OpenSSH format, as ssh2's Server takes it. */
  privateKey: string;
  /** `ssh-ed25519 AAAA...`: what a known_hosts line carries after the host name. */
  publicKey: string;
  /** `SHA256:...` as OpenSSH prints it (base64 of the SHA-256 of the key blob, no padding). */
  fingerprint: string;
}

/**
 * The device's SSH host key, generated once into its state dir and reused on every restart, so clients
 * that pinned it keep trusting the same device. The file is private (0600) like sshd's own keys.
 */
export function loadOrCreateHostKey(stateDir: string, deviceId: string): HostKey {
  const path = join(stateDir, `${deviceId}.ssh_host_ed25519_key`);
  let privateKey: string;
  if (existsSync(path)) {
    privateKey = readFileSync(path, 'utf8');
  } else {
    mkdirSync(stateDir, { recursive: true });
    privateKey = generateReadableKey();
    writeFileSync(path, privateKey, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) {
    throw new LabDeviceError('LAB_STATE', `host key file ${path} cannot be read: ${parsed.message}`, { path, device: deviceId });
  }
  const blob = parsed.getPublicSSH();
  return {
    privateKey,
    publicKey: `${parsed.type} ${blob.toString('base64')}`,
    fingerprint: fingerprintOf(blob),
  };
}

/**
 * ssh2's ed25519 generator now and then (about 1 key in 200) drops a leading zero byte of the public key, and its
 * own parser then refuses the key: generate again until the key reads back.
 */
function generateReadableKey(): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const key = ssh2.utils.generateKeyPairSync('ed25519').private;
    if (!(ssh2.utils.parseKey(key) instanceof Error)) return key;
  }
  throw new LabDeviceError('LAB_START', 'could not generate a readable ed25519 host key');
}

/** The OpenSSH SHA256 fingerprint of a public key blob. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
