import { exitStatusOf, isMilliError, readTextFile } from '@milli/core';
import { NetconfClient, type NetconfClientOptions, NetconfError, type RpcError, type RpcReply } from '@milli/netconf-client';
import type { Command } from 'commander';
import { reportError } from '../errors/reportError';
import { integerOption } from '../options/numericOptions';
import { runAction } from '../errors/runAction';
import {
  connectOptions,
  datastoreOption,
  fileLimitOf,
  filterOption,
  type NetconfInvocation,
  type NetconfStep,
  OPS,
  one,
  parseNetconfArgs,
  seconds,
  usage,
} from './netconfArgs';

/** Run one step; resolves with the reply (hello and subscribe print as they go and resolve undefined). */
async function runStep(client: NetconfClient, step: NetconfStep, out: Output, limit: { maxBytes: number }): Promise<RpcReply | undefined> {
  const o = step.options;
  switch (step.op) {
    case 'hello':
      out.hello(client);
      return undefined;
    case 'get':
      return client.get({ filter: filterOption(step, limit) });
    case 'get-config':
      return client.getConfig(datastoreOption(step, 'source', 'running'), { filter: filterOption(step, limit) });
    case 'edit-config': {
      const file = one(o, 'config');
      if (!file) throw usage('edit-config needs --config FILE');
      return client.editConfig({ target: datastoreOption(step, 'target'), config: readTextFile(file, { what: 'config', ...limit }) });
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
        // RFC 6241 confirm-timeout: uint32 seconds, at least 1.
        ...(timeout !== undefined ? { confirmTimeout: integerOption(timeout, 'timeout', { min: 1, max: 2 ** 32 - 1 }) } : {}),
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
      return subscribe(client, step, out, limit);
  }
}

/**
 * Prints notifications until --count of them arrived, --duration passed or Ctrl-C. A session that ends before
 * any of those (the device crashed or closed it) is a failure: NETCONF_CLOSED, not a quiet success.
 */
async function subscribe(
  client: NetconfClient,
  step: NetconfStep,
  out: Output,
  files: { maxBytes: number },
): Promise<RpcReply | undefined> {
  const count = one(step.options, 'count');
  const duration = one(step.options, 'duration');
  const stream = one(step.options, 'stream');
  const limit = count === undefined ? Number.POSITIVE_INFINITY : integerOption(count, 'count', { min: 1, max: Number.MAX_SAFE_INTEGER });
  const durationMs = duration === undefined ? undefined : seconds(duration, 'duration');
  const filter = filterOption(step, files);
  const sub = await client.createSubscription({ ...(stream ? { stream } : {}), ...(filter ? { filter } : {}) });
  if (sub.reply.failed) return sub.reply;
  out.reply('subscribe', sub.reply);
  await new Promise<void>((resolve, reject) => {
    let seen = 0;
    // Assigned below; a notification replayed synchronously may finish before subscribe() returns.
    let subscription: { unsubscribe(): void } | undefined;
    const finish = (error?: unknown) => {
      clearTimeout(timer);
      process.off('SIGINT', stop);
      subscription?.unsubscribe();
      if (error === undefined) resolve();
      else reject(error);
    };
    const stop = () => finish();
    const dropped = (cause?: unknown) =>
      finish(
        new NetconfError(
          'NETCONF_CLOSED',
          `the session ended after ${seen} notification(s), before ${count === undefined ? '--duration or Ctrl-C' : `--count ${count}`}`,
          { rpc: 'create-subscription' },
          { cause },
        ),
      );
    const timer = durationMs === undefined ? undefined : setTimeout(stop, durationMs);
    process.once('SIGINT', stop);
    subscription = sub.notifications.subscribe({
      next: (n) => {
        out.notification(n.eventTime, n.xml);
        if (++seen >= limit) stop();
      },
      complete: () => dropped(),
      error: (error: unknown) => dropped(error),
    });
  });
  return undefined;
}

interface Output {
  hello(client: NetconfClient): void;
  reply(step: string, reply: RpcReply): void;
  notification(eventTime: string, xml: string): void;
  /** Prints the failure of a step under the one policy and returns its exit status. */
  error(step: string, err: unknown): number;
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
      error: (step, err) => {
        line({ step, error: isMilliError(err) ? err.toJSON() : { code: 'INTERNAL', message: String(err) } });
        return isMilliError(err) ? exitStatusOf(err.code) : exitStatusOf('INTERNAL');
      },
    };
  }
  return {
    hello: (c) => {
      process.stdout.write(`session-id ${c.sessionId}, framing ${c.framing}\n`);
      for (const uri of c.capabilities.uris) process.stdout.write(`${uri}\n`);
    },
    reply: (step, r) => {
      for (const e of r.errors) process.stderr.write(`error [NETCONF_RPC_ERROR]: ${step}: ${formatRpcError(e)}\n`);
      if (r.data !== undefined) process.stdout.write(`${r.dataXml.trim()}\n`);
      else if (!r.failed) process.stdout.write(`${step}: ok\n`);
    },
    notification: (eventTime, xml) => process.stdout.write(`${eventTime} ${xml.replace(/\s*\n\s*/g, '')}\n`),
    // The step that failed leads the message (`error [NETCONF_TIMEOUT]: get: ...`); a usage error has no step.
    error: (step, err) =>
      reportError(err, (text) => process.stderr.write(step === 'usage' ? text : text.replace(/^(error \[\w+\]: )/, `$1${step}: `))),
  };
}

/** Run an invocation: connect once, run each step in order on the one session, stop at the first failure. */
export async function runNetconf(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const out = output(json);
  let invocation: NetconfInvocation;
  let options: NetconfClientOptions;
  let limit: { maxBytes: number };
  try {
    invocation = parseNetconfArgs(argv);
    limit = fileLimitOf(invocation.global);
    options = connectOptions(invocation.global);
  } catch (err) {
    return out.error('usage', err);
  }
  let client: NetconfClient;
  try {
    client = await NetconfClient.connect(options);
  } catch (err) {
    return out.error('connect', err);
  }
  let status = 0;
  for (const step of invocation.steps) {
    let reply: RpcReply | undefined;
    try {
      reply = await runStep(client, step, out, limit);
    } catch (err) {
      status = out.error(step.op, err);
      break;
    }
    if (reply === undefined) continue;
    out.reply(step.op, reply);
    if (reply.failed) {
      status = exitStatusOf('NETCONF_RPC_ERROR');
      break;
    }
  }
  // After a failure the error is printed and the command is done: a polite close-session to a device that is slow
  // or broken could hold the process for seconds (5 s for its reply, 2 s for the SSH close), so it is not awaited.
  const closing = client.close().catch(() => {});
  if (status === 0) await closing;
  return status;
}

const HELP = `
Operations: ${OPS.join(', ')}.
Chain steps on one session with --then, e.g.
  milli netconf lock --target candidate --then edit-config --target candidate --config cfg.xml \\
    --then commit --confirmed --timeout 60 --then commit --then unlock --target candidate \\
    --host 10.0.0.1 --port 830 --user admin --password-env NC_PASS --known-hosts ~/.ssh/known_hosts

Connection: --host H --port P --user U (--password-env VAR | --key FILE [--passphrase-env VAR])
  (--known-hosts FILE | --host-key-fingerprint SHA256:... | --insecure-accept-host-key)
  [--rpc-timeout S] [--max-message-bytes N] [--max-file-bytes N] [--base10 (offer only base:1.0)] [--json (one JSON object per line)]
  [--pause-after-hello MS (wait before the first request: yuma123 netconfd can leave one sent at once unanswered)]
Steps: get [--xpath X --ns p=uri ... | --subtree FILE]; get-config [--source running|candidate|startup] [filters];
  edit-config --target T --config FILE; lock|unlock [--target T]; validate [--source S];
  commit [--confirmed --timeout S --persist ID | --persist-id ID]; cancel-commit [--persist-id ID]; discard-changes;
  get-schema ID [--version V --format F]; subscribe [--stream S] [filters] [--count N] [--duration S]
Exit status as for every milli command (milli --help lists them): 0 ok, 2 bad usage, 6 an rpc-error (the chain stops
there) or a refusal (credentials, host key), 7 a connection, transport or timeout failure.`;

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
    .action(
      runAction(async (_op: string, _args: string[], _opts: unknown, command: Command) => {
        process.exitCode = await runNetconf(command.args);
      }),
    );
}
