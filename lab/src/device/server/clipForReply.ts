/** The longest part of a client's value an error reply repeats; the rest is summarised by its length. */
export const QUOTED_PREFIX_CHARS = 64;
/** The longest error-message, error-path or error-info text a reply carries. */
export const REPLY_TEXT_CHARS = 1024;

/**
 * Text from an error that may quote what the client sent (libyang quotes a bad value whole, and data paths
 * carry key values): quoted runs longer than QUOTED_PREFIX_CHARS keep a prefix and say how much was cut, and
 * the whole is capped at REPLY_TEXT_CHARS, so a 1 MB bad value gets a reply of a few hundred bytes.
 */
export function clipForReply(text: string): string {
  const quoted = text.replace(/(["'])([^"'\n]{65,}?)\1/g, (_all, quote: string, inner: string) => {
    return `${quote}${inner.slice(0, QUOTED_PREFIX_CHARS)}...${quote} (${inner.length} characters)`;
  });
  if (quoted.length <= REPLY_TEXT_CHARS) return quoted;
  return `${quoted.slice(0, REPLY_TEXT_CHARS)}... (${quoted.length - REPLY_TEXT_CHARS} more characters)`;
}
