import { createLogger, MilliError, readBoundedFile, readTextFile } from '@milli/core';
import { Capabilities, type ConfigTarget, type Filter, type NetconfClientOptions } from '@milli/netconf-client';
import { fileLimit } from '../options/fileLimit';
import { bytesOption, integerOption, secondsOption } from '../options/numericOptions';

/** The largest message the client may accept: a JavaScript string holds about 512 MiB. */
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

/**
 * The `milli netconf` argument grammar and what it turns into: steps with their options, and the client's
 * connection options. Pure apart from reading the files and environment variables the options name.
 */
export const OPS = [
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
export type Op = (typeof OPS)[number];

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
  'max-file-bytes',
  'pause-after-hello',
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

export function usage(message: string): MilliError {
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

export const one = (options: Map<string, string[]>, name: string): string | undefined => options.get(name)?.at(-1);

export function connectOptions(global: Map<string, string[]>): NetconfClientOptions {
  const host = one(global, 'host');
  const user = one(global, 'user');
  if (!host) throw usage('--host is required');
  if (!user) throw usage('--user is required');
  const port = Number(one(global, 'port') ?? 830);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw usage(`--port must be 1-65535, got '${one(global, 'port')}'`);
  const options: NetconfClientOptions = { host, port, username: user, logger: createLogger({ name: 'netconf' }) };
  // yuma123 netconfd can leave a request sent right after the hello unanswered (NetconfClient's pauseAfterHelloMs).
  const pause = one(global, 'pause-after-hello');
  if (pause !== undefined) options.pauseAfterHelloMs = integerOption(pause, 'pause-after-hello', { min: 0, max: 10_000 });
  const passwordEnv = one(global, 'password-env');
  const key = one(global, 'key');
  if (!passwordEnv === !key) throw usage('give exactly one of --password-env VAR and --key FILE');
  if (passwordEnv) {
    const password = process.env[passwordEnv];
    if (password === undefined) throw usage(`environment variable ${passwordEnv} (from --password-env) is not set`);
    options.password = password;
  }
  if (key) {
    options.privateKey = readBoundedFile(key, { what: 'private key', ...fileLimitOf(global) });
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
  if (rpcTimeout !== undefined) options.rpcTimeoutMs = seconds(rpcTimeout, 'rpc-timeout');
  const maxBytes = one(global, 'max-message-bytes');
  if (maxBytes !== undefined) options.maxMessageBytes = bytesOption(maxBytes, 'max-message-bytes', { min: 4096, max: MAX_MESSAGE_BYTES });
  if (global.has('base10')) options.capabilities = [Capabilities.base10];
  return options;
}

/** A number of seconds that a timer will wait for, in milliseconds (a usage error past Node's timer range). */
export function seconds(value: string, name: string): number {
  return secondsOption(value, name);
}

export function datastoreOption(step: NetconfStep, name: 'source' | 'target', fallback?: ConfigTarget): ConfigTarget {
  const value = one(step.options, name) ?? fallback;
  if (value === undefined) throw usage(`${step.op} needs --${name}`);
  if (value !== 'running' && value !== 'candidate' && value !== 'startup') throw usage(`--${name} must be running, candidate or startup`);
  return value;
}

/** `--max-file-bytes` of an invocation: the limit on every file it reads (--config, --subtree, --key). */
export function fileLimitOf(global: Map<string, string[]>): { maxBytes: number } {
  return fileLimit(one(global, 'max-file-bytes'));
}

export function filterOption(step: NetconfStep, limit: { maxBytes: number }): Filter | undefined {
  const xpath = one(step.options, 'xpath');
  const subtree = one(step.options, 'subtree');
  if (xpath && subtree) throw usage('give --xpath or --subtree, not both');
  if (subtree) return { type: 'subtree', content: readTextFile(subtree, { what: 'subtree filter', ...limit }) };
  if (!xpath) return undefined;
  const namespaces: Record<string, string> = {};
  for (const pair of step.options.get('ns') ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usage(`--ns must be prefix=uri, got '${pair}'`);
    namespaces[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { type: 'xpath', select: xpath, namespaces };
}
