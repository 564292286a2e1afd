// Runs inside a device's network namespace (started with `ip netns exec NS node nsListener.cjs HOST PORT`):
// opens the listening socket there and hands it to the lab host over the IPC channel, then exits.
// The socket stays bound in the namespace, so one host process can serve every device, each in its own namespace.
'use strict';
const net = require('node:net');

const [host, port] = process.argv.slice(2);
const server = net.createServer();
server.on('error', (error) => {
  process.send?.({ ok: false, error: error.message }, () => process.exit(1));
});
server.listen(Number(port), host, () => {
  process.send?.({ ok: true }, server, () => server.close(() => process.exit(0)));
});
