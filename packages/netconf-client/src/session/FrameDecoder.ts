import { NetconfError } from '../errors/NetconfError';
import { ByteAccumulator } from './ByteAccumulator';
import { EOM_MARKER, type Framing, MAX_CHUNK_SIZE } from './Framing';

export interface FrameDecoderOptions {
  /** The largest message accepted, in octets (default 64 MiB). Larger ones fail with NETCONF_MESSAGE_TOO_LARGE. */
  maxMessageBytes?: number;
}

const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const LF = 0x0a;
const HASH = 0x23;

type ChunkState = 'lf' | 'hash' | 'first' | 'size' | 'data' | 'endLf';

/**
 * Turns a byte stream into whole messages, for either framing. Works on Buffers only: chunk sizes are octets,
 * and text is decoded once per whole message, so multi-byte UTF-8 characters split across packets stay intact.
 * After a framing error the stream cannot be resynchronised: the decoder stays failed and the session must close.
 */
export class FrameDecoder {
  private framing: Framing;
  private readonly maxMessageBytes: number;
  private readonly buffer = new ByteAccumulator();
  /** eom: whether the bytes buffered so far hold more than whitespace (a message has begun). */
  private started = false;
  private ready: string[] = [];
  private failure: NetconfError | undefined;
  // chunked state
  private state: ChunkState = 'lf';
  private chunkRemaining = 0;
  private sizeDigits = 0;
  private chunks = 0;

  constructor(framing: Framing, options: FrameDecoderOptions = {}) {
    this.framing = framing;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  get currentFraming(): Framing {
    return this.framing;
  }

  /**
   * Whether a message has begun and is not complete yet (a server times such a message out: a chunk header
   * announcing more bytes than ever arrive must not hold the session forever). Whitespace between messages
   * does not count.
   */
  get partial(): boolean {
    if (this.framing === 'eom') return this.started;
    return this.state !== 'lf' || this.buffer.size > 0;
  }

  /** Bytes buffered for the message in progress. */
  get bufferedBytes(): number {
    return this.buffer.size;
  }

  private get size(): number {
    return this.buffer.size;
  }

  /** Feed bytes; returns every message completed by them (possibly none). Throws NETCONF_FRAMING or NETCONF_MESSAGE_TOO_LARGE. */
  push(chunk: Buffer): string[] {
    if (this.failure) throw this.failure;
    try {
      if (this.framing === 'eom') this.pushEom(chunk);
      else this.pushChunked(chunk, 0);
    } catch (err) {
      this.failure = err as NetconfError;
      this.buffer.clear();
      throw err;
    }
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /**
   * Switch framing (after the hello exchange). Bytes already received but not yet part of a complete message
   * are re-read in the new framing; messages they complete are returned by the next push (push(Buffer.alloc(0))).
   */
  setFraming(framing: Framing): void {
    if (framing === this.framing) return;
    const leftover = this.buffer.take();
    this.started = false;
    this.framing = framing;
    this.state = 'lf';
    this.chunks = 0;
    if (leftover.length > 0) {
      try {
        if (framing === 'eom') this.pushEom(leftover);
        else this.pushChunked(leftover, 0);
      } catch (err) {
        this.failure = err as NetconfError;
        throw err;
      }
    }
  }

  private pushEom(chunk: Buffer): void {
    let input = chunk;
    while (input.length > 0) {
      // Search only the new bytes plus a marker-length tail of what came before: linear over a large message.
      const tailLen = Math.min(this.size, EOM_MARKER.length - 1);
      const tail = tailLen > 0 ? this.buffer.tail(tailLen) : Buffer.alloc(0);
      const window = tailLen > 0 ? Buffer.concat([tail, input]) : input;
      const at = window.indexOf(EOM_MARKER);
      if (at < 0) {
        this.append(input);
        if (this.size > this.maxMessageBytes + EOM_MARKER.length) this.tooLarge(this.size);
        return;
      }
      const endInInput = at - tailLen + EOM_MARKER.length; // index in input just past the marker
      const bodyEnd = this.size + (at - tailLen); // octets of message body
      if (bodyEnd > this.maxMessageBytes) this.tooLarge(bodyEnd);
      const whole = this.buffer.take(input.subarray(0, Math.max(0, endInInput)));
      this.started = false;
      this.emitEom(whole.subarray(0, bodyEnd));
      input = input.subarray(endInInput);
    }
  }

  private emitEom(body: Buffer): void {
    let start = 0;
    while (start < body.length && isSpace(body[start]!)) start++;
    if (start < body.length) this.ready.push(body.toString('utf8', start));
  }

  private pushChunked(chunk: Buffer, from: number): void {
    let i = from;
    while (i < chunk.length) {
      if (this.state === 'data') {
        const take = Math.min(this.chunkRemaining, chunk.length - i);
        // The common case, a message of one chunk that arrived whole with its end marker: decoded straight from
        // the packet, without gathering its bytes first.
        if (this.chunks === 1 && this.size === 0 && take === this.chunkRemaining && endsChunks(chunk, i + take)) {
          this.ready.push(chunk.toString('utf8', i, i + take));
          i += take + END_OF_CHUNKS_LENGTH;
          this.chunkRemaining = 0;
          this.chunks = 0;
          this.state = 'lf';
          continue;
        }
        this.append(chunk.subarray(i, i + take));
        this.chunkRemaining -= take;
        i += take;
        if (this.chunkRemaining === 0) this.state = 'lf';
        continue;
      }
      const byte = chunk[i]!;
      i++;
      switch (this.state) {
        case 'lf':
          if (byte !== LF) this.bad(byte, 'a newline opening a chunk header');
          this.state = 'hash';
          break;
        case 'hash':
          if (byte !== HASH) this.bad(byte, "'#' in a chunk header");
          this.state = 'first';
          break;
        case 'first':
          if (byte === HASH) this.state = 'endLf';
          else if (byte >= 0x31 && byte <= 0x39) {
            this.chunkRemaining = byte - 0x30;
            this.sizeDigits = 1;
            this.state = 'size';
          } else this.bad(byte, "a chunk size 1-9 or '#' after '#'");
          break;
        case 'size':
          if (byte >= 0x30 && byte <= 0x39) {
            this.chunkRemaining = this.chunkRemaining * 10 + (byte - 0x30);
            this.sizeDigits++;
            if (this.chunkRemaining > MAX_CHUNK_SIZE || this.sizeDigits > 10) {
              throw new NetconfError('NETCONF_FRAMING', `chunk size exceeds ${MAX_CHUNK_SIZE}`, { framing: 'chunked' });
            }
          } else if (byte === LF) {
            if (this.size + this.chunkRemaining > this.maxMessageBytes) this.tooLarge(this.size + this.chunkRemaining);
            this.chunks++;
            this.state = 'data';
          } else this.bad(byte, 'a digit or newline in a chunk size');
          break;
        case 'endLf':
          if (byte !== LF) this.bad(byte, "a newline after '##'");
          if (this.chunks === 0) {
            throw new NetconfError('NETCONF_FRAMING', 'end-of-chunks marker without any chunk', { framing: 'chunked' });
          }
          this.ready.push(this.buffer.take().toString('utf8'));
          this.chunks = 0;
          this.state = 'lf';
          break;
      }
    }
  }

  private append(bytes: Buffer): void {
    if (this.framing === 'eom' && !this.started) {
      for (const byte of bytes) {
        if (!isSpace(byte)) {
          this.started = true;
          break;
        }
      }
    }
    this.buffer.append(bytes);
  }

  private bad(byte: number, expected: string): never {
    const shown = byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `0x${byte.toString(16).padStart(2, '0')}`;
    throw new NetconfError('NETCONF_FRAMING', `bad chunked framing: expected ${expected}, got ${shown}`, { framing: 'chunked' });
  }

  private tooLarge(size: number): never {
    throw new NetconfError(
      'NETCONF_MESSAGE_TOO_LARGE',
      `message of at least ${size} bytes exceeds the limit of ${this.maxMessageBytes} bytes`,
      { maxMessageBytes: this.maxMessageBytes, framing: this.framing },
    );
  }
}

/** `\n##\n`, which ends the chunks of a message. */
const END_OF_CHUNKS_LENGTH = 4;

/** Whether the end-of-chunks marker is in `chunk` at `at`, whole. */
function endsChunks(chunk: Buffer, at: number): boolean {
  return (
    at + END_OF_CHUNKS_LENGTH <= chunk.length &&
    chunk[at] === LF &&
    chunk[at + 1] === HASH &&
    chunk[at + 2] === HASH &&
    chunk[at + 3] === LF
  );
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
