import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type XmlElement, parseXml } from '@milli/netconf-client';

// Debian's yuma123 yangcli run in batch mode over a script, its output cut into what came back: one event per rpc
// reply (ok, data, error) and per incoming notification, each with its XML.

export const YANGCLI = '/usr/bin/yangcli';

export function yangcliUnavailable(): string | undefined {
  return existsSync(YANGCLI) ? undefined : `${YANGCLI} is not installed (scripts/setup.sh installs yangcli)`;
}

export interface YangcliEvent {
  kind: 'ok' | 'data' | 'error' | 'notification';
  /** The rpc-reply or notification element (undefined for a bare OK). */
  xml?: XmlElement;
}

export interface YangcliRun {
  events: YangcliEvent[];
  /** Whether yangcli stopped the script early (it does at the first rpc-error). */
  canceled: boolean;
  output: string;
}

export interface YangcliLogin {
  port: number;
  user: string;
  password?: string;
  /** Public and private key files, instead of a password. */
  keys?: { publicKey: string; privateKey: string };
}

/** Runs `commands` as a yangcli script against 127.0.0.1:port; `dir` holds the script file. */
export async function runYangcli(dir: string, login: YangcliLogin, commands: string[], logLevel = 'info'): Promise<YangcliRun> {
  const script = join(dir, `script-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(script, `${commands.join('\n')}\n`);
  const auth = login.keys
    ? [`--public-key=${login.keys.publicKey}`, `--private-key=${login.keys.privateKey}`]
    : [`--password=${login.password ?? ''}`];
  const { stdout, stderr } = await promisify(execFile)(
    YANGCLI,
    [
      '--batch-mode',
      '--server=127.0.0.1',
      `--ncport=${login.port}`,
      `--user=${login.user}`,
      ...auth,
      `--run-script=${script}`,
      '--display-mode=xml',
      `--log-level=${logLevel}`,
    ],
    // Its own HOME: yangcli keeps history and fetched modules under ~/.yuma; root's is shared with other runs.
    { timeout: 60_000, maxBuffer: 16 << 20, env: { ...process.env, HOME: dir } },
  );
  const output = `${stdout}\n${stderr}`;
  return { events: parseEvents(output), canceled: /Script '.*' canceled/.test(output), output };
}

const HEADER = /^(RPC (OK|Data|Error) Reply \d+ for session \d+:|Incoming notification:)\s*$/;

function parseEvents(output: string): YangcliEvent[] {
  const events: YangcliEvent[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = HEADER.exec(lines[i]!);
    if (!header) continue;
    const kind: YangcliEvent['kind'] =
      header[2] === 'OK' ? 'ok' : header[2] === 'Data' ? 'data' : header[2] === 'Error' ? 'error' : 'notification';
    // The XML that follows: from its first '<' line to the line that closes its root element.
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const root = /^<([\w:-]+)/.exec(lines[j]?.trim() ?? '')?.[1];
    if (root !== undefined && kind !== 'ok') {
      for (; j < lines.length; j++) {
        body.push(lines[j]!);
        if (lines[j]!.trim() === `</${root}>` || (/\/>\s*$/.test(lines[j]!) && body.length === 1)) break;
      }
      events.push({ kind, xml: parseXml(body.join('\n')) });
      i = j;
    } else {
      events.push({ kind });
    }
  }
  return events;
}
