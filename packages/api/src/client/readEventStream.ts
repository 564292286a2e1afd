/** One server-sent event as the stream carried it. */
export interface StreamEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` body (WHATWG HTML, "server-sent events"): fields up to a blank line make one event;
 * comment lines (`:`) are keep-alives and skipped; `data` lines join with newlines.
 */
export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let current: { id?: string; event?: string; data: string[] } = { data: [] };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let newline = buffer.search(/\r?\n|\r/);
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (current.data.length > 0) {
            yield {
              ...(current.id !== undefined ? { id: current.id } : {}),
              event: current.event ?? 'message',
              data: current.data.join('\n'),
            };
          }
          current = { data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const raw = colon < 0 ? '' : line.slice(colon + 1);
          const value = raw.startsWith(' ') ? raw.slice(1) : raw;
          if (field === 'data') current.data.push(value);
          else if (field === 'id') current.id = value;
          else if (field === 'event') current.event = value;
        }
        newline = buffer.search(/\r?\n|\r/);
      }
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
