// One mock device in a process of its own, for bench:netconf: every client measured against it (milli's, ncclient,
// libnetconf2) is outside the device's event loop, and the device's own CPU time can be read around each run (from
// /proc, by the bench). Prints one JSON line {port, publicKey, fingerprint}; closes when stdin ends.
import { createInterface } from 'node:readline';
import { MockDevice } from '@milli/lab';
import type { Device } from '@milli/topology';

const [yangDir, stateDir, username, password] = process.argv.slice(2);
if (!yangDir || !stateDir || !username || !password) {
  console.error('usage: netconfDevice YANG_DIR STATE_DIR USERNAME PASSWORD');
  process.exit(2);
}

const device: Device = {
  id: 'BENCH-roadm',
  site: 'BENCH',
  kind: 'roadm',
  ports: [
    { id: 'deg-1', kind: 'degree' },
    { id: 'deg-2', kind: 'degree' },
    { id: 'ad-1', kind: 'add-drop', group: 'ad-a' },
  ],
  management: { address: '127.0.0.1' },
};

const mock = new MockDevice({ device, fibres: [], yangDir, stateDir, users: [{ username, password }], onCrash: () => {} });
const { port, hostKeyFingerprint } = await mock.listen('127.0.0.1', 0);
console.log(JSON.stringify({ port, publicKey: mock.hostKey.publicKey, fingerprint: hostKeyFingerprint }));
createInterface({ input: process.stdin }).on('close', () => {
  void mock.close().then(() => process.exit(0));
});
