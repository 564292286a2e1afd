import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR, YANG_DIR } from './yangExamples';

export const NETCONFD = '/usr/sbin/netconfd';

export function hasNetconfd(): boolean {
  return existsSync(NETCONFD);
}

export interface NetconfdVerdict {
  loaded: boolean;
  status: number;
  /** The `Error: ...` lines of netconfd's log. */
  errors: string[];
}

/**
 * A dry run of yuma123 netconfd (`--validate-config-only`): loads the modules and, when given, one example document as its
 * startup configuration, then exits. Nothing listens; HOME points into a temp dir so netconfd's ~/.yuma stays out of the way.
 */
export class NetconfdDryRun {
  readonly dir = mkdtempSync(join(tmpdir(), 'milli-netconfd-'));

  check(modules: readonly string[], exampleFile?: string): NetconfdVerdict {
    const startup = join(this.dir, 'startup.xml');
    const body = exampleFile ? readFileSync(join(EXAMPLES_DIR, exampleFile), 'utf8') : '';
    writeFileSync(
      startup,
      `<?xml version="1.0" encoding="UTF-8"?>\n<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">\n${body}</config>\n`,
    );
    const sock = join(this.dir, 'ncxserver.sock');
    const log = join(this.dir, 'netconfd.log');
    rmSync(sock, { force: true });
    rmSync(log, { force: true });
    const r = spawnSync(
      NETCONFD,
      [
        `--modpath=${YANG_DIR}`,
        ...modules.map((m) => `--module=${join(YANG_DIR, `${m}.yang`)}`),
        '--validate-config-only',
        `--startup=${startup}`,
        `--ncxserver-sockname=${sock}`,
        `--log=${log}`,
        '--log-level=error',
      ],
      { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: this.dir } },
    );
    const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
    const errors = text.split('\n').filter((l) => l.startsWith('Error'));
    return { loaded: r.status === 0, status: r.status ?? -1, errors };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
