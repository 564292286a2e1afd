import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type XmlElement, parseXml } from '@milli/netconf-client';

// The test suite's own libnetconf2 client (test/interop/nc2client/nc2client.c), compiled on demand into a temp dir
// and driven one command per line: each command gets one answer line back.

const SOURCE = join(import.meta.dirname, '..', 'interop', 'nc2client', 'nc2client.c');
const LIBRARIES = ['libnetconf2', 'libyang', 'libssh'];

/** Why the libnetconf2 client cannot be built here, or undefined when it can. */
export function nc2clientUnavailable(): string | undefined {
  for (const tool of ['/usr/bin/gcc', '/usr/bin/pkg-config']) {
    if (!existsSync(tool)) return `${tool} is missing (scripts/setup.sh installs gcc and pkg-config)`;
  }
  try {
    execFileSync('pkg-config', ['--exists', ...LIBRARIES], { stdio: 'ignore' });
  } catch {
    return `pkg-config finds no ${LIBRARIES.join(', ')} (scripts/setup.sh installs libnetconf2-dev and libssh-dev)`;
  }
  return undefined;
}

/** Compiles the client into a fresh temp dir; the caller removes `dir` when done. */
export function buildNc2client(): { binary: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'milli-nc2client-'));
  const flags = execFileSync('pkg-config', ['--cflags', '--libs', ...LIBRARIES], { encoding: 'utf8' })
    .trim()
    .split(/\s+/);
  const binary = join(dir, 'nc2client');
  try {
    execFileSync('gcc', ['-O2', '-Wall', '-o', binary, SOURCE, ...flags], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { binary, dir };
}

/** One answer of the client: its kind and its text (XML for data, rpc-error, ok and notification). */
export interface Nc2Answer {
  kind: 'session' | 'ok' | 'data' | 'rpc-error' | 'notification' | 'timeout' | 'capabilities' | 'bench' | 'fail';
  text: string;
}

/** The answer's XML (data, rpc-error, ok, notification) as an element; several siblings come wrapped in `<answer>`. */
export function answerXml(answer: Nc2Answer): XmlElement {
  return parseXml(`<answer>${answer.text}</answer>`);
}

/** A running client process on one device address; each `send` resolves with the answer to that command. */
export class Nc2Client {
  readonly stderr: string[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((answer: Nc2Answer) => void)[] = [];
  private exited = false;

  /** `command` is the binary, or a program and its leading arguments (bench:netconf drives milli's client alike). */
  constructor(command: string | readonly string[], host: string, port: number) {
    const [program, ...leading] = typeof command === 'string' ? [command] : command;
    this.child = spawn(program!, [...leading, host, String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(parseAnswer(line)));
    createInterface({ input: this.child.stderr }).on('line', (line) => {
      if (this.stderr.length < 500) this.stderr.push(line);
    });
    this.child.on('exit', () => {
      this.exited = true;
      for (const w of this.waiting.splice(0)) w({ kind: 'fail', text: `the client exited; stderr: ${this.stderr.slice(-5).join(' | ')}` });
    });
  }

  /** The process id (to pin it to a CPU and read its CPU time). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  send(command: string): Promise<Nc2Answer> {
    if (this.exited) return Promise.resolve({ kind: 'fail', text: 'the client has exited' });
    if (command.includes('\n')) throw new Error('a command is one line');
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${command}\n`);
    });
  }

  /** Ends stdin (the client closes its sessions) and waits for the process to exit. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function parseAnswer(line: string): Nc2Answer {
  const space = line.indexOf(' ');
  const kind = (space < 0 ? line : line.slice(0, space)) as Nc2Answer['kind'];
  const escaped = space < 0 ? '' : line.slice(space + 1);
  return { kind, text: escaped.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\')) };
}
