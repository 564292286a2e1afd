import type { SessionChannel } from './ServerSession';

/**
 * A session channel whose writes made in one turn of the event loop go out as one: the replies to pipelined rpcs,
 * answered one after the other in the same turn, become one SSH data packet (up to the peer's packet size) instead
 * of one each, so one encryption, one padding and one socket write where there were many. The flush runs on
 * process.nextTick, after the turn's promise chain has drained, so a lone reply leaves without waiting for I/O.
 */
export function coalescedChannel(channel: SessionChannel): SessionChannel {
  let pending: Buffer[] = [];
  let scheduled = false;
  let ended = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    try {
      channel.write(data);
    } catch {
      // The channel is gone; its close or error event ends the session.
    }
  };
  const wrapped: SessionChannel = {
    write(data: Buffer) {
      if (ended) return false;
      pending.push(data);
      if (!scheduled) {
        scheduled = true;
        process.nextTick(flush);
      }
      return true;
    },
    end() {
      flush();
      ended = true;
      return channel.end();
    },
    on(event: 'data' | 'close' | 'end' | 'error', listener: (arg?: never) => void) {
      channel.on(event as 'close', listener as () => void);
      return wrapped;
    },
  } as SessionChannel;
  // Flow control and anything else the channel offers passes straight through.
  const inner = channel as unknown as Record<string, unknown>;
  for (const name of ['pause', 'resume']) {
    const method = inner[name];
    if (typeof method === 'function')
      (wrapped as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => method.apply(channel, args);
  }
  return wrapped;
}
