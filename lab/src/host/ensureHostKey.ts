import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MilliError } from '@milli/core';
import ssh2 from 'ssh2';

/**
 * Makes sure a device's host key file exists and is readable before the device starts. ssh2's ed25519 key
 * generation now and then (about 1 key in 200, measured) writes a public key whose leading zero byte is lost,
 * which its own parser then refuses as malformed; in a 150-device lab that is likely to hit one device. Such a
 * key is generated again. The file name is the one the mock device reads (`<id>.ssh_host_ed25519_key`).
 */
export function ensureHostKey(stateDir: string, deviceId: string): void {
  const path = join(stateDir, `${deviceId}.ssh_host_ed25519_key`);
  if (existsSync(path)) return;
  mkdirSync(stateDir, { recursive: true });
  for (let attempt = 0; attempt < 20; attempt++) {
    const key = ssh2.utils.generateKeyPairSync('ed25519').private;
    if (!(ssh2.utils.parseKey(key) instanceof Error)) {
      writeFileSync(path, key, { mode: 0o600 });
      return;
    }
  }
  throw new MilliError('LAB_START', `could not generate a readable host key for ${deviceId}`, { device: deviceId });
}
