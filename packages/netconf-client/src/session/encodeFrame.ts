import { NetconfError } from '../errors/NetconfError';
import { EOM_MARKER, type Framing } from './Framing';

const CHUNK_END = Buffer.from('\n##\n', 'utf8');

/**
 * Frame one message for the wire. Chunk lengths count octets of the UTF-8 encoding, never string length. The
 * frame is written into one buffer of its exact size (one allocation per message, the text encoded once).
 */
export function encodeFrame(framing: Framing, message: string | Buffer): Buffer {
  const bodyLength = typeof message === 'string' ? Buffer.byteLength(message, 'utf8') : message.length;
  if (framing === 'eom') return withTrailer('', message, bodyLength, EOM_MARKER);
  // RFC 6242: a chunked message has at least one chunk, and a chunk at least one octet.
  if (bodyLength === 0) throw new NetconfError('NETCONF_FRAMING', 'cannot frame an empty message in chunked framing');
  return withTrailer(`\n#${bodyLength}\n`, message, bodyLength, CHUNK_END);
}

function withTrailer(header: string, body: string | Buffer, bodyLength: number, trailer: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(header.length + bodyLength + trailer.length);
  // The header is ASCII: its length in octets is its length in characters.
  let at = header.length > 0 ? frame.write(header, 0, 'latin1') : 0;
  at += typeof body === 'string' ? frame.write(body, at, 'utf8') : body.copy(frame, at);
  trailer.copy(frame, at);
  return frame;
}
