/** RFC 6242 framings: 'eom' is base:1.0's `]]>]]>` end-of-message marker, 'chunked' is base:1.1's chunked framing. */
export type Framing = 'eom' | 'chunked';

export const EOM_MARKER = Buffer.from(']]>]]>', 'utf8');
/** RFC 6242 section 4.2: chunk-size is 1..4294967295. */
export const MAX_CHUNK_SIZE = 4294967295;
