import { writeFileSync } from 'node:fs';
import type { labPaths } from '../launcher/labState';

/**
 * Writes `<state-dir>/known_hosts` (every device's address, port and host key, OpenSSH format) and
 * `<state-dir>/ssh_config` pointing at it with strict checking, so an engineer's own tools pin the lab's keys too:
 * `ssh -F .milli/lab/ssh_config -p 830 milli@10.x.y.z -s netconf`, or ncclient with `ssh_config=` and `hostkey_verify=True`.
 */
export function writeKnownHosts(paths: ReturnType<typeof labPaths>, devices: { address: string; port: number; publicKey: string }[]): void {
  const lines = devices.map((d) => `${d.port === 22 ? d.address : `[${d.address}]:${d.port}`} ${d.publicKey}`);
  writeFileSync(paths.knownHosts, `${lines.join('\n')}\n`, { mode: 0o644 });
  writeFileSync(paths.sshConfig, `Host *\n  UserKnownHostsFile ${paths.knownHosts}\n  StrictHostKeyChecking yes\n`, { mode: 0o644 });
}
