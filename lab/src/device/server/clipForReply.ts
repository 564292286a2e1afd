/** The longest part of a client's value an error reply repeats; the rest is summarised by its length. */
export const QUOTED_PREFIX_CHARS = 64;
/** The longest error-message, error-path or error-info text a reply carries. */
export const REPLY_TEXT_CHARS = 1024;

const QUOTE = /["']/g;

/**
 * Text from an error that may quote what the client sent (libyang quotes a bad value whole, and data paths
 * carry key values): quoted runs longer than QUOTED_PREFIX_CHARS keep a prefix and say how much was cut, and
 * the whole is capped at REPLY_TEXT_CHARS, so a 1 MB bad value gets a reply of a few hundred bytes. Linear, with
 * native scans only (a regular expression with a back-reference took a second on a 4 MiB message), and it
 * stops reading once the cap is reached.
 */
export function clipForReply(text: string): string {
  if (text.length <= QUOTED_PREFIX_CHARS) return text;
  let out = '';
  let at = 0;
  QUOTE.lastIndex = 0;
  while (out.length <= REPLY_TEXT_CHARS) {
    const open = QUOTE.exec(text);
    if (open === null) break;
    const close = text.indexOf(open[0], open.index + 1);
    if (close < 0) break;
    const inner = close - open.index - 1;
    if (inner > QUOTED_PREFIX_CHARS) {
      out += `${text.slice(at, open.index + 1 + QUOTED_PREFIX_CHARS)}...${open[0]} (${inner} characters)`;
    } else {
      out += text.slice(at, close + 1);
    }
    at = close + 1;
    QUOTE.lastIndex = at;
  }
  if (out.length <= REPLY_TEXT_CHARS) {
    const tail = text.slice(at, at + REPLY_TEXT_CHARS + 1);
    out += tail;
    at += tail.length;
  }
  if (out.length <= REPLY_TEXT_CHARS) return out;
  return `${out.slice(0, REPLY_TEXT_CHARS)}... (${out.length - REPLY_TEXT_CHARS + text.length - at} more characters)`;
}
