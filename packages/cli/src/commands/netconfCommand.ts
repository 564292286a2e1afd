import { readFileSync } from 'node:fs';
import { isMilliError } from '@milli/core';
import { NetconfClient, type NetconfClientOptions, type RpcError, type RpcReply } from '@milli/netconf-client';
import type { Command } from 'commander';
import {
  connectOptions,
  datastoreOption,
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
