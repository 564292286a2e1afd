import { IntentSyntaxError } from '../errors';

/** A word of intent text: a maximal run of characters other than whitespace and commas, with its offset. */
export interface Token {
  text: string;
  /** Lower-cased, for matching keywords (keywords are case-insensitive, ids are not). */
  lower: string;
  /** 0-based character offset of the token's first character. */
  at: number;
  /** The words as written, when `text` is what they stand for (a Chinese word, a Chinese site name). */
  source?: string;
}

/** Longer text is refused before any work: no intent needs it, and it bounds the cost of a bad request. */
export const MAX_INTENT_TEXT_LENGTH = 2000;

function isSeparator(code: number): boolean {
  // space, tab, LF, CR, vertical tab, form feed, comma, no-break space
  return code === 32 || (code >= 9 && code <= 13) || code === 44 || code === 160;
}

/**
 * Splits text into tokens in one left-to-right pass (linear time, no regular expressions). Quantities such as
 * `100Mbps`, times such as `2026-12-01T06:00Z` and ids such as `P-17` are single tokens; the parser decides
 * what each token means from where it stands.
 */
export function tokenize(text: string): Token[] {
  checkLength(text);
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const separator = i === text.length || isSeparator(text.charCodeAt(i));
    if (!separator && start < 0) start = i;
    if (separator && start >= 0) {
      const word = text.slice(start, i);
      tokens.push({ text: word, lower: word.toLowerCase(), at: start });
      start = -1;
    }
  }
  return tokens;
}

export function checkLength(text: string): void {
  if (text.length > MAX_INTENT_TEXT_LENGTH) {
    throw new IntentSyntaxError(`intent text is ${text.length} characters long; at most ${MAX_INTENT_TEXT_LENGTH} are accepted`, 0, {
      length: text.length,
    });
  }
}
