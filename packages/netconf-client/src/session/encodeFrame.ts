import { NetconfError } from '../errors/NetconfError';
import { EOM_MARKER, type Framing } from './Framing';

const CHUNK_END = Buffer.from('\n##\n', 'utf8');

/** Frame one message for the wire. Chunk lengths count octets of the UTF-8 encoding, never string length. */
export function encodeFrame(framing: Framing, message: string | Buffer): Buffer {
  const body = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  if (framing === 'eom') return Buffer.concat([body, EOM_MARKER]);
  // RFC 6242: a chunked message has at least one chunk, and a chunk at least one octet.
  if (body.length === 0) throw new NetconfError('NETCONF_FRAMING', 'cannot frame an empty message in chunked framing');
  return Buffer.concat([Buffer.from(`\n#${body.length}\n`, 'utf8'), body, CHUNK_END]);
}
