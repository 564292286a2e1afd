import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MilliError, createLogger, isMilliError } from '../src/index';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('createLogger', () => {
  it('redacts passwords, private keys and tokens at any depth', () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    log.info({ password: 'hunter2', device: { auth: { privateKey: '-----BEGIN KEY', token: 'abc' } } }, 'connecting');
    const [line] = out.lines();
    const text = JSON.stringify(line);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('BEGIN KEY');
    expect(text).not.toContain('"abc"');
    expect(line?.password).toBe('[redacted]');
    expect(line?.msg).toBe('connecting');
  });

  it('redacts five levels down, inside arrays and errors, whole credential objects and either spelling of the header', () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    log.info({ a: { b: { c: { d: { e: { password: 'deep-secret' } } } } } }, 'deep');
    log.info({ users: [{ username: 'lab', password: 'array-secret' }] }, 'array');
    log.info({ err: Object.assign(new Error('auth failed'), { context: { passphrase: 'error-secret' } }) }, 'error');
    log.info({ credentials: { username: 'lab', pin: 'object-secret' }, headers: { Authorization: 'Bearer header-secret' } }, 'objects');
    const text = JSON.stringify(out.lines());
    for (const secret of ['deep-secret', 'array-secret', 'error-secret', 'object-secret', 'header-secret']) {
      expect(text).not.toContain(secret);
    }
    expect(out.lines().map((l) => l.msg)).toEqual(['deep', 'array', 'error', 'objects']);
  });

  it("redacts inside class instances, error causes and child bindings, and leaves the caller's objects as they were", () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    class Session {
      constructor(
        readonly device: string,
        readonly options: { username: string; password: string },
      ) {}
    }
    const session = new Session('r1', { username: 'lab', password: 'instance-secret' });
    const failure = new Error('login failed', { cause: Object.assign(new Error('denied'), { token: 'cause-secret' }) });
    log.info({ session }, 'instance');
    log.error({ err: failure }, 'failed');
    log.child({ device: 'r2', credentials: { password: 'binding-secret' } }).warn('bound');
    const text = JSON.stringify(out.lines());
    for (const secret of ['instance-secret', 'cause-secret', 'binding-secret']) expect(text).not.toContain(secret);
    const [instance, failed, bound] = out.lines();
    expect(instance).toMatchObject({ session: { device: 'r1', options: { username: 'lab', password: '[redacted]' } } });
    // An error stays an error for pino's serializer: its type, message (with its cause's) and stack are printed.
    expect(failed?.err).toMatchObject({ type: 'Error', message: 'login failed: denied' });
    expect(String((failed?.err as { stack?: string } | undefined)?.stack)).toContain('login failed');
    expect(bound).toMatchObject({ device: 'r2', credentials: '[redacted]', msg: 'bound' });
    expect(session.options.password).toBe('instance-secret');
    expect((failure.cause as { token: string }).token).toBe('cause-secret');
  });

  it('child loggers carry their bindings', () => {
    const out = capture();
    createLogger({ destination: out.stream }).child({ intent: 'in-1', device: 'r1' }).warn('slow');
    expect(out.lines()[0]).toMatchObject({ intent: 'in-1', device: 'r1', msg: 'slow' });
  });
});

describe('MilliError', () => {
  it('carries code, context and retryability from the codes file', () => {
    const error = new MilliError('NETCONF_TIMEOUT', 'rpc timed out', { device: 'r1', messageId: '7' });
    expect(error.retryable).toBe(true);
    expect(new MilliError('PCE_NO_ROUTE', 'none').retryable).toBe(false);
    expect(error.toJSON()).toEqual({
      name: 'MilliError',
      code: 'NETCONF_TIMEOUT',
      message: 'rpc timed out',
      context: { device: 'r1', messageId: '7' },
    });
    expect(isMilliError(error, 'NETCONF_TIMEOUT')).toBe(true);
    expect(isMilliError(error, 'NETCONF_AUTH')).toBe(false);
  });
});
