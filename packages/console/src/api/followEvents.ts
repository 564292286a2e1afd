import type { ApiClient } from './ApiClient';
import type { Transition } from './types';

export interface EventFollower {
  stop(): void;
}

/**
 * Follows GET /v1/events for as long as the page lives: each `transition` event goes to `onTransition` once, in order;
 * an `alarm` event (raised or cleared) calls `onAlarm`, so live state is read again at once rather than at the next poll.
 * A dropped stream is opened again with Last-Event-ID, so the server replays what was missed and nothing twice.
 */
export function followEvents(
  api: ApiClient,
  after: number | undefined,
  onTransition: (t: Transition) => void,
  onLink: (connected: boolean) => void,
  onAlarm: () => void = () => undefined,
): EventFollower {
  const abort = new AbortController();
  let last = after;
  const run = async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await api.events(last, abort.signal);
        // A refused stream (not ready, too many streams) is tried again below, like a dropped one.
        const body = response.ok ? response.body : null;
        if (body !== null) onLink(true);
        for await (const event of body === null ? [] : serverSentEvents(body)) {
          if (event.event === 'alarm') onAlarm();
          if (event.event !== 'transition') continue;
          const transition = JSON.parse(event.data) as Transition;
          last = transition.seq;
          onTransition(transition);
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      onLink(false);
      await new Promise((resume) => setTimeout(resume, 2000));
    }
  };
  void run();
  return { stop: () => abort.abort() };
}

/** The text/event-stream format (WHATWG HTML, server-sent events): fields up to a blank line make one event. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string; id?: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  let id: string | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.search(/\r?\n/);
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(buffer[newline] === '\r' ? newline + 2 : newline + 1);
      if (line === '') {
        if (data.length > 0) yield { event, data: data.join('\n'), ...(id !== undefined ? { id } : {}) };
        event = 'message';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
      }
      newline = buffer.search(/\r?\n/);
    }
  }
}
