import { isValidId } from '@milli/core';
import { closest } from '../editDistance';
import { IntentSyntaxError } from '../errors';
import { type IntentLanguage, wanted, word } from './language';
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
  'on',
  'every',
  'zone',
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
    readonly lang: IntentLanguage = 'en',
  ) {}

  /** The message in the intent's language. */
  say(en: string, zh: string): string {
    return this.lang === 'zh' ? zh : en;
  }

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
    const list = words.map((w) => `'${word(this.lang, w)}'`).join(this.say(' or ', ' 或 '));
    const afterIt = wanted(this.lang, after);
    if (!found) {
      throw this.error(
        this.say(
          `expected ${list} after ${after} at ${this.textLength}, found the end of the text`,
          `${afterIt}之后应为 ${list}（位置 ${this.textLength}），但意图已结束`,
        ),
        this.textLength,
      );
    }
    const guess = closest(found.lower, words);
    const fix = guess ? this.say(`, did you mean '${guess}'?`, `，您是不是想说 '${word(this.lang, guess)}'？`) : '';
    throw this.error(
      this.say(
        `expected ${list} after ${after} at ${found.at}, found '${clip(found.text)}'${fix}`,
        `${afterIt}之后应为 ${list}（位置 ${found.at}），却是 '${clip(shown(found))}'${fix}`,
      ),
      found.at,
    );
  }

  /** Consumes any next token; `what` describes what was wanted, for the message at the end of the text. */
  take(what: string, example: string): Token {
    const token = this.peek();
    if (!token) {
      throw this.error(
        this.say(
          `expected ${what} at ${this.textLength}, found the end of the text: add e.g. '${example}'`,
          `位置 ${this.textLength} 应为${wanted(this.lang, what)}，但意图已结束：请补充，例如 '${example}'`,
        ),
        this.textLength,
      );
    }
    this.index++;
    return token;
  }

  /** Consumes an id (a site or line id): any valid id that is not a keyword. */
  id(what: string, example: string): Token {
    const token = this.take(what, example);
    if (KEYWORDS.has(token.lower)) {
      throw this.error(
        this.say(
          `expected ${what} at ${token.at}, found the keyword '${token.text}': add the id, e.g. '${example}'`,
          `位置 ${token.at} 应为${wanted(this.lang, what)}，却是关键词 '${shown(token)}'：请写出编号，例如 '${example}'`,
        ),
        token.at,
      );
    }
    if (!isValidId(token.text)) {
      throw this.error(
        this.say(
          `'${clip(token.text)}' at ${token.at} is not a valid ${what}: ids are letters, digits and '._:-', starting with a letter or digit`,
          `'${clip(shown(token))}'（位置 ${token.at}）不是有效的${wanted(this.lang, what)}：编号由字母、数字和 '._:-' 组成，以字母或数字开头；站点也可用拓扑中的中文名`,
        ),
        token.at,
      );
    }
    return token;
  }

  error(message: string, at: number, context: Record<string, unknown> = {}): IntentSyntaxError {
    return new IntentSyntaxError(message, at, context);
  }
}

/** The token as the user wrote it (a Chinese word, not the English one it stands for). */
export function shown(token: Token): string {
  return token.source ?? token.text;
}

/** Keeps messages short when the input is long garbage. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
