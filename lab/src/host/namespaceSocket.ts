import { isIPv4 } from 'node:net';
import { MilliError } from '@milli/core';
import koffi from 'koffi';

/**
 * Opens a listening TCP socket inside a named network namespace from this very process, and returns its file
 * descriptor for `server.listen({ fd })`. The calling thread joins the namespace with setns(2), creates, binds
 * and listens on the socket, and joins its own namespace again, all synchronously, so no other JavaScript runs
 * in between. A socket keeps the namespace it was created in, so one process serves devices in many
 * namespaces. This replaces a child process per device (`ip netns exec ... node`) that cost ~0.3 s each.
 * setns(2) moves the calling thread only, and this module's state (the thread's own namespace) is per thread, as a
 * worker's modules are its own: each device thread of the lab host opens its own devices' sockets.
 */

const CLONE_NEWNET = 0x40000000;
const O_RDONLY_CLOEXEC = 0o2000000;
const AF_INET = 2;
const SOCK_STREAM_NONBLOCK_CLOEXEC = 1 | 0o4000 | 0o2000000;
const SOL_SOCKET = 1;
const SO_REUSEADDR = 2;

interface Libc {
  open: (path: string, flags: number) => number;
  close: (fd: number) => number;
  setns: (fd: number, type: number) => number;
  socket: (domain: number, type: number, protocol: number) => number;
  setsockopt: (fd: number, level: number, name: number, value: Buffer, length: number) => number;
  bind: (fd: number, address: Buffer, length: number) => number;
  listen: (fd: number, backlog: number) => number;
  strerror: (errnum: number) => string;
}

let libc: Libc | undefined;
let ownNamespace: number | undefined;

function load(): Libc {
  if (libc) return libc;
  const lib = koffi.load('libc.so.6');
  libc = {
    open: lib.func('int open(const char *path, int flags)'),
    close: lib.func('int close(int fd)'),
    setns: lib.func('int setns(int fd, int nstype)'),
    socket: lib.func('int socket(int domain, int type, int protocol)'),
    setsockopt: lib.func('int setsockopt(int fd, int level, int name, const void *value, uint32_t length)'),
    bind: lib.func('int bind(int fd, const void *address, uint32_t length)'),
    listen: lib.func('int listen(int fd, int backlog)'),
    strerror: lib.func('const char *strerror(int errnum)'),
  };
  return libc;
}

function fail(c: Libc, what: string, context: Record<string, unknown>): never {
  const errno = koffi.errno();
  throw new MilliError('LAB_NETNS', `${what} failed: ${c.strerror(errno)}`, { ...context, errno });
}

/** sockaddr_in for host:port, in network byte order. */
export function sockaddrIn(host: string, port: number): Buffer {
  if (!isIPv4(host)) throw new MilliError('LAB_NETNS', `a namespace socket needs an IPv4 address, not '${host}'`, { host });
  const address = Buffer.alloc(16);
  address.writeUInt16LE(AF_INET, 0);
  address.writeUInt16BE(port, 2);
  host.split('.').forEach((octet, i) => {
    address.writeUInt8(Number(octet), 4 + i);
  });
  return address;
}

/** A listening socket bound to host:port inside `/run/netns/<namespace>`; the caller owns the descriptor. */
export function listenInNamespace(namespace: string, host: string, port: number, backlog = 128): number {
  const c = load();
  const context = { namespace, host, port };
  // The thread's own namespace, opened once, before this function ever switches away from it.
  if (ownNamespace === undefined) {
    const own = c.open('/proc/thread-self/ns/net', O_RDONLY_CLOEXEC);
    if (own < 0) fail(c, 'opening this process network namespace', context);
    ownNamespace = own;
  }
  const home = ownNamespace;
  const target = c.open(`/run/netns/${namespace}`, O_RDONLY_CLOEXEC);
  if (target < 0) fail(c, `opening network namespace ${namespace}`, context);
  let fd = -1;
  try {
    if (c.setns(target, CLONE_NEWNET) !== 0) fail(c, `entering network namespace ${namespace}`, context);
    try {
      fd = c.socket(AF_INET, SOCK_STREAM_NONBLOCK_CLOEXEC, 0);
      if (fd < 0) fail(c, 'socket()', context);
      const one = Buffer.alloc(4);
      one.writeInt32LE(1);
      if (c.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, one, 4) !== 0) fail(c, 'setsockopt(SO_REUSEADDR)', context);
      if (c.bind(fd, sockaddrIn(host, port), 16) !== 0) fail(c, `binding ${host}:${port} in ${namespace}`, context);
      if (c.listen(fd, backlog) !== 0) fail(c, `listening on ${host}:${port} in ${namespace}`, context);
    } finally {
      // Never leave the thread in the device's namespace: every later socket of this process would land there.
      if (c.setns(home, CLONE_NEWNET) !== 0) {
        process.stderr.write(`lab host: cannot return to its own network namespace; exiting\n`);
        process.exit(70);
      }
    }
  } catch (error) {
    if (fd >= 0) c.close(fd);
    throw error;
  } finally {
    c.close(target);
  }
  return fd;
}
