import { readFileSync } from 'node:fs';
import { createLogger, isMilliError, MilliError } from '@milli/core';
import {
  Capabilities,
  type ConfigTarget,
  type Filter,
  NetconfClient,
  type NetconfClientOptions,
  type RpcError,
  type RpcReply,
} from '@milli/netconf-client';
import type { Command } from 'commander';

const OPS = [
  'hello',
  'get',
  'get-config',
  'edit-config',
  'lock',
  'unlock',
  'validate',
  'commit',
  'cancel-commit',
  'discard-changes',
  'get-schema',
  'subscribe',
] as const;
type Op = (typeof OPS)[number];

const GLOBAL_VALUE = new Set([
  'host',
  'port',
  'user',
  'password-env',
  'key',
  'passphrase-env',
  'known-hosts',
  'host-key-fingerprint',
  'rpc-timeout',
  'max-message-bytes',
]);
const GLOBAL_FLAG = new Set(['insecure-accept-host-key', 'json', 'base10']);
const STEP_VALUE = new Set([
  'source',
  'target',
  'xpath',
  'ns',
  'subtree',
  'config',
  'timeout',
  'persist',
  'persist-id',
  'version',
  'format',
  'stream',
  'count',
  'duration',
]);
const STEP_FLAG = new Set(['confirmed']);

export interface NetconfStep {
  op: Op;
  positional: string[];
  options: Map<string, string[]>;
}

export interface NetconfInvocation {
  global: Map<string, string[]>;
  steps: NetconfStep[];
}

function usage(message: string): MilliError {
  return new MilliError('INVALID_ARGUMENT', `${message} (see milli netconf --help)`, {});
}

/**
 * Split `OP [args] [--then OP [args]]...` into steps. Connection options may stand anywhere; step options
 * belong to the step they follow. Pure, so the grammar is testable without a device.
 */
export function parseNetconfArgs(argv: string[]): NetconfInvocation {
  const global = new Map<string, string[]>();
  const steps: NetconfStep[] = [];
  let current: NetconfStep | undefined;
  const startStep = (op: string | undefined) => {
    if (!op || !(OPS as readonly string[]).includes(op)) throw usage(`unknown operation '${op ?? ''}'; one of ${OPS.join(', ')}`);
    current = { op: op as Op, positional: [], options: new Map() };
    steps.push(current);
  };
  startStep(argv[0]);
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--then') {
      startStep(argv[++i]);
      continue;
    }
    if (!arg.startsWith('--')) {
      current!.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const isFlag = GLOBAL_FLAG.has(name) || STEP_FLAG.has(name);
    const isValue = GLOBAL_VALUE.has(name) || STEP_VALUE.has(name);
    if (!isFlag && !isValue) throw usage(`unknown option --${name}`);
    let value = 'true';
    if (isValue) {
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i]!;
      else throw usage(`--${name} needs a value`);
    }
    const target = GLOBAL_VALUE.has(name) || GLOBAL_FLAG.has(name) ? global : current!.options;
    target.set(name, [...(target.get(name) ?? []), value]);
  }
  return { global, steps };
}

const one = (options: Map<string, string[]>, name: string): string | undefined => options.get(name)?.at(-1);

function connectOptions(global: Map<string, string[]>): NetconfClientOptions {
  const host = one(global, 'host');
  const user = one(global, 'user');
  if (!host) throw usage('--host is required');
  if (!user) throw usage('--user is required');
  const port = Number(one(global, 'port') ?? 830);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw usage(`--port must be 1-65535, got '${one(global, 'port')}'`);
  const options: NetconfClientOptions = { host, port, username: user, logger: createLogger({ name: 'netconf' }) };
  const passwordEnv = one(global, 'password-env');
  const key = one(global, 'key');
  if (!passwordEnv === !key) throw usage('give exactly one of --password-env VAR and --key FILE');
  if (passwordEnv) {
    const password = process.env[passwordEnv];
    if (password === undefined) throw usage(`environment variable ${passwordEnv} (from --password-env) is not set`);
    options.password = password;
  }
  if (key) {
    options.privateKey = readFileSync(key);
    const passphraseEnv = one(global, 'passphrase-env');
    if (passphraseEnv) options.passphrase = process.env[passphraseEnv] ?? '';
  }
  const knownHosts = one(global, 'known-hosts');
  const fingerprint = one(global, 'host-key-fingerprint');
  const insecure = global.has('insecure-accept-host-key');
  if ([knownHosts, fingerprint, insecure || undefined].filter((v) => v !== undefined).length !== 1) {
    throw usage('give exactly one of --known-hosts FILE, --host-key-fingerprint SHA256:..., --insecure-accept-host-key');
  }
  if (knownHosts) options.knownHosts = knownHosts;
  if (fingerprint) options.hostKeyFingerprint = fingerprint;
  if (insecure) options.insecureAcceptHostKey = true;
  const rpcTimeout = one(global, 'rpc-timeout');
  if (rpcTimeout !== undefined) options.rpcTimeoutMs = seconds(rpcTimeout, 'rpc-timeout') * 1000;
  const maxBytes = one(global, 'max-message-bytes');
  if (maxBytes !== undefined) options.maxMessageBytes = Number(maxBytes);
  if (global.has('base10')) options.capabilities = [Capabilities.base10];
  return options;
}

function seconds(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw usage(`--${name} must be a positive number of seconds, got '${value}'`);
  return n;
}

function datastoreOption(step: NetconfStep, name: 'source' | 'target', fallback?: ConfigTarget): ConfigTarget {
  const value = one(step.options, name) ?? fallback;
  if (value === undefined) throw usage(`${step.op} needs --${name}`);
  if (value !== 'running' && value !== 'candidate' && value !== 'startup') throw usage(`--${name} must be running, candidate or startup`);
  return value;
}

function filterOption(step: NetconfStep): Filter | undefined {
  const xpath = one(step.options, 'xpath');
  const subtree = one(step.options, 'subtree');
  if (xpath && subtree) throw usage('give --xpath or --subtree, not both');
  if (subtree) return { type: 'subtree', content: readFileSync(subtree, 'utf8') };
  if (!xpath) return undefined;
  const namespaces: Record<string, string> = {};
  for (const pair of step.options.get('ns') ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usage(`--ns must be prefix=uri, got '${pair}'`);
    namespaces[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { type: 'xpath', select: xpath, namespaces };
}

/** Run one step; resolves with the reply (hello and subscribe print as they go and resolve undefined). */
async function runStep(client: NetconfClient, step: NetconfStep, out: Output): Promise<RpcReply | undefined> {
  const o = step.options;
  switch (step.op) {
    case 'hello':
      out.hello(client);
      return undefined;
    case 'get':
      return client.get({ filter: filterOption(step) });
    case 'get-config':
      return client.getConfig(datastoreOption(step, 'source', 'running'), { filter: filterOption(step) });
    case 'edit-config': {
      const file = one(o, 'config');
      if (!file) throw usage('edit-config needs --config FILE');
      return client.editConfig({ target: datastoreOption(step, 'target'), config: readFileSync(file, 'utf8') });
    }
    case 'lock':
      return client.lock(datastoreOption(step, 'target', 'candidate'));
    case 'unlock':
      return client.unlock(datastoreOption(step, 'target', 'candidate'));
    case 'validate':
      return client.validate(datastoreOption(step, 'source', 'candidate'));
    case 'commit': {
      const timeout = one(o, 'timeout');
      return client.commit({
        confirmed: o.has('confirmed'),
        ...(timeout !== undefined ? { confirmTimeout: seconds(timeout, 'timeout') } : {}),
        ...(one(o, 'persist') !== undefined ? { persist: one(o, 'persist') } : {}),
        ...(one(o, 'persist-id') !== undefined ? { persistId: one(o, 'persist-id') } : {}),
      });
    }
    case 'cancel-commit':
      return client.cancelCommit({ ...(one(o, 'persist-id') !== undefined ? { persistId: one(o, 'persist-id') } : {}) });
    case 'discard-changes':
      return client.discardChanges();
    case 'get-schema': {
      const id = step.positional[0];
      if (!id) throw usage('get-schema needs the module name: get-schema ID');
      return client.getSchema(id, {
        ...(one(o, 'version') ? { version: one(o, 'version') } : {}),
        ...(one(o, 'format') ? { format: one(o, 'format') } : {}),
      });
    }
    case 'subscribe':
      return subscribe(client, step, out);
  }
}

async function subscribe(client: NetconfClient, step: NetconfStep, out: Output): Promise<RpcReply | undefined> {
  const count = one(step.options, 'count');
  const duration = one(step.options, 'duration');
  const stream = one(step.options, 'stream');
  const sub = await client.createSubscription({
    ...(stream ? { stream } : {}),
    ...(filterOption(step) ? { filter: filterOption(step) } : {}),
  });
  if (sub.reply.failed) return sub.reply;
  out.reply('subscribe', sub.reply);
  const limit = count === undefined ? Number.POSITIVE_INFINITY : Number(count);
  await new Promise<void>((resolve) => {
    let seen = 0;
    const stop = () => {
      clearTimeout(timer);
      process.off('SIGINT', stop);
      subscription.unsubscribe();
      resolve();
    };
    const timer = duration === undefined ? undefined : setTimeout(stop, seconds(duration, 'duration') * 1000);
    process.once('SIGINT', stop);
    const subscription = sub.notifications.subscribe({
      next: (n) => {
        out.notification(n.eventTime, n.xml);
        if (++seen >= limit) stop();
      },
      complete: stop,
    });
  });
  return undefined;
}

interface Output {
  hello(client: NetconfClient): void;
  reply(step: string, reply: RpcReply): void;
  notification(eventTime: string, xml: string): void;
  error(step: string, err: unknown): void;
}

function formatRpcError(e: RpcError): string {
  const info = Array.isArray(e.info)
    ? ''
    : Object.entries(e.info)
        .map(([k, v]) => ` ${k}=${v}`)
        .join('');
  return `rpc-error ${e.type}/${e.tag} (${e.severity})${e.appTag ? ` app-tag ${e.appTag}` : ''}${e.path ? ` at ${e.path}` : ''}${e.message ? `: ${e.message}` : ''}${info}`;
}

function output(json: boolean): Output {
  const line = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  if (json) {
    return {
      hello: (c) =>
        line({
          step: 'hello',
          sessionId: c.sessionId,
          framing: c.framing,
          capabilities: c.capabilities.uris,
          modules: c.capabilities.modules,
        }),
      reply: (step, r) => line({ step, ...r.toJSON() }),
      notification: (eventTime, xml) => line({ step: 'notification', eventTime, xml }),
      error: (step, err) => line({ step, error: isMilliError(err) ? err.toJSON() : { message: String(err) } }),
    };
  }
  return {
    hello: (c) => {
      process.stdout.write(`session-id ${c.sessionId}, framing ${c.framing}\n`);
      for (const uri of c.capabilities.uris) process.stdout.write(`${uri}\n`);
    },
    reply: (step, r) => {
      for (const e of r.errors) process.stderr.write(`${step}: ${formatRpcError(e)}\n`);
      if (r.data !== undefined) process.stdout.write(`${r.dataXml.trim()}\n`);
      else if (!r.failed) process.stdout.write(`${step}: ok\n`);
    },
    notification: (eventTime, xml) => process.stdout.write(`${eventTime} ${xml.replace(/\s*\n\s*/g, '')}\n`),
    error: (step, err) => process.stderr.write(`${step}: ${isMilliError(err) ? `${err.code}: ${err.message}` : String(err)}\n`),
  };
}

/** Run an invocation: connect once, run each step in order on the one session, stop at the first failure. */
export async function runNetconf(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const out = output(json);
  let invocation: NetconfInvocation;
  let options: NetconfClientOptions;
  try {
    invocation = parseNetconfArgs(argv);
    options = connectOptions(invocation.global);
  } catch (err) {
    out.error('usage', err);
    return 2;
  }
  let client: NetconfClient;
  try {
    client = await NetconfClient.connect(options);
  } catch (err) {
    out.error('connect', err);
    return 2;
  }
  try {
    for (const step of invocation.steps) {
      let reply: RpcReply | undefined;
      try {
        reply = await runStep(client, step, out);
      } catch (err) {
        out.error(step.op, err);
        return 2;
      }
      if (reply === undefined) continue;
      out.reply(step.op, reply);
      if (reply.failed) return 1;
    }
    return 0;
  } finally {
    await client.close();
  }
}

const HELP = `
Operations: ${OPS.join(', ')}.
Chain steps on one session with --then, e.g.
  milli netconf lock --target candidate --then edit-config --target candidate --config cfg.xml \\
    --then commit --confirmed --timeout 60 --then commit --then unlock --target candidate \\
    --host 10.0.0.1 --port 830 --user admin --password-env NC_PASS --known-hosts ~/.ssh/known_hosts

Connection: --host H --port P --user U (--password-env VAR | --key FILE [--passphrase-env VAR])
  (--known-hosts FILE | --host-key-fingerprint SHA256:... | --insecure-accept-host-key)
  [--rpc-timeout S] [--max-message-bytes N] [--base10 (offer only base:1.0)] [--json (one JSON object per line)]
Steps: get [--xpath X --ns p=uri ... | --subtree FILE]; get-config [--source running|candidate|startup] [filters];
  edit-config --target T --config FILE; lock|unlock [--target T]; validate [--source S];
  commit [--confirmed --timeout S --persist ID | --persist-id ID]; cancel-commit [--persist-id ID]; discard-changes;
  get-schema ID [--version V --format F]; subscribe [--stream S] [filters] [--count N] [--duration S]
Exit status: 0 ok, 1 an rpc-error (the chain stops there), 2 bad usage or a connection, transport or timeout failure.`;

/** `milli netconf OP ...`: NETCONF operations against one device, chained on one session with --then. */
export function registerNetconfCommand(program: Command): void {
  program
    .command('netconf')
    .description('run NETCONF operations on a device over SSH (chain steps on one session with --then)')
    .argument('<op>', OPS.join(' | '))
    .argument('[args...]', 'options and further steps')
    .allowUnknownOption()
    .allowExcessArguments(true)
    .addHelpText('after', HELP)
    .action(async (_op: string, _args: string[], _opts: unknown, command: Command) => {
      process.exitCode = await runNetconf(command.args);
    });
}
