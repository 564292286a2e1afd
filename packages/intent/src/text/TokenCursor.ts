import { isValidId } from '@milli/core';
import { closest } from '../editDistance';
import { IntentSyntaxError } from '../errors';
import type { Token } from './tokenize';

/** Every word the grammar reserves; none of them can be a site or line id in text (use the JSON form for those). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'connect',
  'move',
  'scale',
  'release',
  'to',
  'from',
  'by',
  'between',
  'and',
  'starting',
  'within',
  'until',
  'under',
  'with',
  'at',
  'protected',
  'unprotected',
  'tier',
  'for',
  'line',
  'park',
  'access',
  'point',
  'ap',
  'dc',
]);

/**
 * A read position over the tokens, with the small vocabulary of "expect" steps the grammar is built from.
 * Every failure is an IntentSyntaxError naming the offset, what was found and what would fix it.
 */
export class TokenCursor {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly textLength: number,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  /** Where the next token starts, or the end of the text. */
  position(): number {
    return this.peek()?.at ?? this.textLength;
  }

  /** Consumes the next token if it is one of `words` (case-insensitive). */
  accept(...words: string[]): Token | undefined {
    const token = this.peek();
    if (token && words.includes(token.lower)) {
      this.index++;
      return token;
    }
    return undefined;
  }

  /** Consumes the next token, which must be one of `words`; `after` names what came before, for the message. */
  expect(words: string[], after: string): Token {
    const token = this.accept(...words);
    if (token) return token;
    const found = this.peek();
    const wanted = words.map((w) => `'${w}'`).join(' or ');
    if (!found) throw this.error(`expected ${wanted} after ${after} at ${this.textLength}, found the end of the text`, this.textLength);
    const guess = closest(found.lower, words);
    const fix = guess ? `, did you mean '${guess}'?` : '';
    throw this.error(`expected ${wanted} after ${after} at ${found.at}, found '${clip(found.text)}'${fix}`, found.at);
  }

  /** Consumes any next token; `what` describes what was wanted, for the message at the end of the text. */
  take(what: string, example: string): Token {
    const token = this.peek();
    if (!token)
      throw this.error(`expected ${what} at ${this.textLength}, found the end of the text: add e.g. '${example}'`, this.textLength);
    this.index++;
    return token;
  }

  /** Consumes an id (a site or line id): any valid id that is not a keyword. */
  id(what: string, example: string): Token {
    const token = this.take(what, example);
    if (KEYWORDS.has(token.lower)) {
      throw this.error(`expected ${what} at ${token.at}, found the keyword '${token.text}': add the id, e.g. '${example}'`, token.at);
    }
    if (!isValidId(token.text)) {
      throw this.error(
        `'${clip(token.text)}' at ${token.at} is not a valid ${what}: ids are letters, digits and '._:-', starting with a letter or digit`,
        token.at,
      );
    }
    return token;
  }

  error(message: string, at: number, context: Record<string, unknown> = {}): IntentSyntaxError {
    return new IntentSyntaxError(message, at, context);
  }
}

/** Keeps messages short when the input is long garbage. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
