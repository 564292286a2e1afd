import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Starts yuma123 netconfd behind a private sshd on 127.0.0.1, for interop tests: a private host key, netconfd as
// the sshd netconf subsystem.

export interface NetconfdServer {
  host: string;
  port: number;
  username: string;
  password: string;
  /** `SHA256:...` of the sshd host key. */
  hostKeyFingerprint: string;
  /** A known_hosts file that pins the host key for [127.0.0.1]:port. */
  knownHostsFile: string;
  dir: string;
  /** The last lines of netconfd's and sshd's logs: printed when a test against this server fails, to show which side stalled. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface NetconfdOptions {
  /** YANG module files to load (--module), in order. */
  modules: string[];
  /** Directories searched for imports. */
  modpath?: string[];
}

const NETCONFD = '/usr/sbin/netconfd';
const SSHD = '/usr/sbin/sshd';
const SUBSYSTEM = '/usr/sbin/netconf-subsystem';
export const NETCONF_USER = 'ncuser';
export const NETCONF_PASSWORD = 'ncpass';

/** Why netconfd interop cannot run here, or undefined when it can. */
export function netconfdUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (creates a user and runs sshd)';
  for (const bin of [NETCONFD, SSHD, SUBSYSTEM]) if (!existsSync(bin)) return `${bin} is not installed (scripts/setup.sh installs it)`;
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function ensureUser(): void {
  try {
    execFileSync('id', [NETCONF_USER], { stdio: 'ignore' });
  } catch {
    try {
      execFileSync('useradd', ['-m', '-s', '/bin/sh', NETCONF_USER], { stdio: 'ignore' });
    } catch {
      // Another test file may have created it a moment ago.
      execFileSync('id', [NETCONF_USER], { stdio: 'ignore' });
    }
  }
  execFileSync('chpasswd', { input: `${NETCONF_USER}:${NETCONF_PASSWORD}\n` });
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, log?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = log && existsSync(log) ? `\n${readFileSync(log, 'utf8').split('\n').slice(-20).join('\n')}` : '';
  throw new Error(`${what} did not become ready within ${timeoutMs} ms${tail}`);
}

function logTail(dir: string, lines: number): string {
  return ['netconfd.log', 'sshd.log']
    .map((name) => {
      const file = join(dir, name);
      const text = existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(none)';
      return `--- ${name} (last ${lines} lines)\n${text}`;
    })
    .join('\n');
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startNetconfd(options: NetconfdOptions): Promise<NetconfdServer> {
  ensureUser();
  const dir = mkdtempSync(join(tmpdir(), 'milli-netconfd-'));
  // netconf-subsystem runs as the NETCONF user and must reach the socket in here.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const sock = join(dir, 'ncxserver.sock');
  const children: ChildProcess[] = [];
  const killAll = () => {
    for (const c of children) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const stop = async () => {
    // netconfd takes about 3 s to exit on SIGTERM; both stop in parallel.
    await Promise.all(children.map((c) => stopChild(c, 6000)));
    process.removeListener('exit', killAll);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'hostkey')]);
    writeFileSync(
      join(dir, 'sshd_config'),
      [
        'ListenAddress 127.0.0.1',
        `Port ${port}`,
        `HostKey ${join(dir, 'hostkey')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        'UsePAM yes',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        'PermitRootLogin no',
        `AllowUsers ${NETCONF_USER}`,
        `Subsystem netconf ${SUBSYSTEM} --ncxserver-sockname=${port}@${sock}`,
        '',
      ].join('\n'),
    );
    execFileSync('mkdir', ['-p', '/run/sshd']);
    execFileSync(SSHD, ['-t', '-f', join(dir, 'sshd_config')]);
    writeFileSync(
      join(dir, 'startup-cfg.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"/>\n',
    );

    const args = [
      ...options.modules.map((m) => `--module=${m}`),
      ...(options.modpath?.length ? [`--modpath=${options.modpath.join(':')}`] : []),
      `--superuser=${NETCONF_USER}`,
      '--target=candidate',
      `--startup=${join(dir, 'startup-cfg.xml')}`,
      `--port=${port}`,
      `--ncxserver-sockname=${sock}`,
      `--log=${join(dir, 'netconfd.log')}`,
      '--log-level=info',
    ];
    // Its own HOME: netconfd keeps a transaction-id file under ~/.yuma, and two servers sharing root's would race.
    const netconfd = spawn(NETCONFD, args, { stdio: 'ignore', detached: true, env: { ...process.env, HOME: dir } });
    children.push(netconfd);
    await waitFor(() => existsSync(sock) || netconfd.exitCode !== null, 20_000, 'netconfd', join(dir, 'netconfd.log'));
    if (netconfd.exitCode !== null) {
      throw new Error(`netconfd exited with ${netconfd.exitCode}:\n${readFileSync(join(dir, 'netconfd.log'), 'utf8').slice(-3000)}`);
    }
    const sshd = spawn(SSHD, ['-D', '-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')], { stdio: 'ignore' });
    children.push(sshd);
    await waitFor(() => canConnect(port), 10_000, 'sshd', join(dir, 'sshd.log'));

    const [keyType, keyBase64] = readFileSync(join(dir, 'hostkey.pub'), 'utf8').trim().split(/\s+/);
    const knownHostsFile = join(dir, 'known_hosts');
    writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${keyType} ${keyBase64}\n`);
    const fingerprint = createHash('sha256')
      .update(Buffer.from(keyBase64 ?? '', 'base64'))
      .digest('base64')
      .replace(/=+$/, '');
    return {
      host: '127.0.0.1',
      port,
      username: NETCONF_USER,
      password: NETCONF_PASSWORD,
      hostKeyFingerprint: `SHA256:${fingerprint}`,
      knownHostsFile,
      dir,
      logTail: (lines = 40) => logTail(dir, lines),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
