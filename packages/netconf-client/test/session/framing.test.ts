import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, type Framing, NetconfError } from '../../src/index';
import { ByteAccumulator } from '../../src/session/ByteAccumulator';

const messages = ['<rpc message-id="1"><get/></rpc>', '<x>Grüße 東京 🚀 ]]> ]]</x>', `<a>${'z'.repeat(5000)}</a>`];

function splitEvery(buf: Buffer, at: number[]): Buffer[] {
  const out: Buffer[] = [];
  let prev = 0;
  for (const cut of at) {
    out.push(buf.subarray(prev, cut));
    prev = cut;
  }
  out.push(buf.subarray(prev));
  return out;
}

function decodeAll(framing: Framing, parts: Buffer[]): string[] {
  const d = new FrameDecoder(framing);
  return parts.flatMap((p) => d.push(p));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof NetconfError) return err.code;
    throw err;
  }
  return undefined;
}

describe.each(['eom', 'chunked'] as const)('%s framing', (framing) => {
  const wire = Buffer.concat(messages.slice(0, 2).map((m) => encodeFrame(framing, m)));

  it('round-trips several messages in one buffer', () => {
    const all = Buffer.concat(messages.map((m) => encodeFrame(framing, m)));
    expect(decodeAll(framing, [all])).toEqual(messages);
  });

  it('decodes identically when split at every byte boundary (multi-byte UTF-8 and headers across packets)', () => {
    for (let cut = 0; cut <= wire.length; cut++) {
      expect(decodeAll(framing, splitEvery(wire, [cut]))).toEqual(messages.slice(0, 2));
    }
  });

  it('decodes one byte at a time', () => {
    const parts = [...wire].map((b) => Buffer.from([b]));
    expect(decodeAll(framing, parts)).toEqual(messages.slice(0, 2));
  });

  it('refuses a message above the maximum size with NETCONF_MESSAGE_TOO_LARGE', () => {
    const d = new FrameDecoder(framing, { maxMessageBytes: 100 });
    expect(d.push(encodeFrame(framing, `<a>${'x'.repeat(90)}</a>`))).toHaveLength(1);
    expect(codeOf(() => d.push(encodeFrame(framing, `<a>${'x'.repeat(200)}</a>`)))).toBe('NETCONF_MESSAGE_TOO_LARGE');
    // The stream cannot be trusted afterwards.
    expect(codeOf(() => d.push(encodeFrame(framing, '<a/>')))).toBe('NETCONF_MESSAGE_TOO_LARGE');
  });

  it('enforces the maximum size before the message ends (no unbounded buffering)', () => {
    const d = new FrameDecoder(framing, { maxMessageBytes: 1000 });
    const head = framing === 'chunked' ? Buffer.from('\n#1000000\n') : Buffer.alloc(0);
    expect(
      codeOf(() => {
        d.push(head);
        for (let i = 0; i < 20; i++) d.push(Buffer.alloc(100, 0x61));
      }),
    ).toBe('NETCONF_MESSAGE_TOO_LARGE');
  });
});

describe('chunked framing', () => {
  it('counts octets, not UTF-16 units', () => {
    const frame = encodeFrame('chunked', 'é🚀').toString('latin1');
    expect(frame.startsWith('\n#6\n')).toBe(true);
  });

  it('joins a message spread over many chunks', () => {
    const wire = Buffer.from('\n#4\n<rpc\n#2\n/>\n##\n');
    expect(decodeAll('chunked', [wire])).toEqual(['<rpc/>']);
  });

  it.each([
    ['garbage before the header', 'hello\n#3\nabc\n##\n'],
    ['a missing newline', '#3\nabc\n##\n'],
    ['a zero chunk size', '\n#0\n\n##\n'],
    ['a leading zero', '\n#03\nabc\n##\n'],
    ['a non-digit size', '\n#3a\nabc\n##\n'],
    ['a chunk longer than its header says', '\n#2\nabc\n##\n'],
    ['end of chunks with no chunk', '\n##\n'],
    ['a size beyond 4294967295', '\n#4294967296\n'],
    ['junk after ##', '\n#1\na\n##x'],
  ])('refuses %s with NETCONF_FRAMING', (_what, wire) => {
    expect(codeOf(() => new FrameDecoder('chunked').push(Buffer.from(wire)))).toBe('NETCONF_FRAMING');
  });

  it('refuses to frame an empty message', () => {
    expect(codeOf(() => encodeFrame('chunked', ''))).toBe('NETCONF_FRAMING');
  });
});

describe('switching framing after hello', () => {
  it('re-reads bytes that arrived with the hello in the new framing', () => {
    const d = new FrameDecoder('eom');
    const wire = Buffer.concat([encodeFrame('eom', '<hello/>'), encodeFrame('chunked', '<rpc/>')]);
    expect(d.push(wire)).toEqual(['<hello/>']);
    d.setFraming('chunked');
    expect(d.push(Buffer.alloc(0))).toEqual(['<rpc/>']);
  });

  it('skips whitespace between end-of-message framed messages', () => {
    expect(decodeAll('eom', [Buffer.from('\n<a/>]]>]]>\n\n<b/>]]>]]>\n')])).toEqual(['<a/>', '<b/>']);
  });
});

describe('bounded framing cost', () => {
  it('keeps memory proportional to the data for 1-byte chunks: one buffer per 16 KiB, not one per byte', () => {
    const d = new FrameDecoder('chunked');
    const payload = `<rpc>${'y'.repeat(100_000)}</rpc>`;
    const bytes = Buffer.from(payload);
    let out: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      out = d.push(Buffer.concat([Buffer.from('\n#1\n'), bytes.subarray(i, i + 1)]));
      expect(out).toEqual([]);
    }
    const held = (d as unknown as { buffer: ByteAccumulator }).buffer;
    expect(held.size).toBe(bytes.length);
    expect(held.pieces).toBeLessThanOrEqual(Math.ceil(bytes.length / (16 * 1024)) + 1);
    expect(d.push(Buffer.from('\n##\n'))).toEqual([payload]);
  });

  it('keeps large pieces as they are and copies small ones, returning the bytes in order', () => {
    const acc = new ByteAccumulator();
    const parts = [Buffer.from('ab'), Buffer.alloc(5000, 0x63), Buffer.from('d'), Buffer.alloc(20_000, 0x65), Buffer.from('f')];
    for (const part of parts) acc.append(part);
    expect(acc.tail(3).toString()).toBe('eef');
    expect(acc.take().equals(Buffer.concat(parts))).toBe(true);
    expect(acc.size).toBe(0);
  });

  it('says when a message has begun but is not complete, ignoring whitespace between messages', () => {
    const eom = new FrameDecoder('eom');
    eom.push(Buffer.from('\n  \n'));
    expect(eom.partial).toBe(false);
    eom.push(Buffer.from('<rpc'));
    expect(eom.partial).toBe(true);
    expect(eom.push(Buffer.from('/>]]>]]>\n'))).toEqual(['<rpc/>']);
    expect(eom.partial).toBe(false);
    const chunked = new FrameDecoder('chunked');
    chunked.push(Buffer.from('\n#100\nabc'));
    expect(chunked.partial).toBe(true);
    expect(chunked.bufferedBytes).toBe(3);
  });
});
