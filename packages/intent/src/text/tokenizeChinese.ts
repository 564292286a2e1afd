import { CHINESE_WORDS } from './chineseLexicon';
import { checkLength, type Token } from './tokenize';

/** Whether text is written in Chinese: any CJK character, CJK punctuation or full-width form in it. */
export function isChineseText(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x3000) return true;
  return false;
}

/**
 * Full-width forms (ＡＢＣ１２３，：＋) as their ASCII twins and the ideographic space as a space, one character for
 * one, so offsets into the result are offsets into what the user wrote.
 */
export function foldFullWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

function isCjk(code: number): boolean {
  return code >= 0x2e80 && !(code >= 0xff01 && code <= 0xff5e);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Whitespace, commas, semicolons, the CJK marks 。、「」 and brackets; a full-width colon where it is not inside a
 * time (时段：01:00, but 20：00 is a time). An ASCII colon is part of a word, as in ids and times.
 */
function isSeparator(folded: string, i: number, text: string): boolean {
  const code = folded.charCodeAt(i);
  if (code === 58) return text.charCodeAt(i) === 0xff1a && !(isDigit(folded.charCodeAt(i - 1)) && isDigit(folded.charCodeAt(i + 1)));
  if (code === 32 || (code >= 9 && code <= 13) || code === 44 || code === 160 || code === 59) return true;
  if (code === 0x3001 || code === 0x3002 || code === 40 || code === 41 || code === 0x300c || code === 0x300d) return true;
  return false;
}

/** Words by their first character, longest first, so a match is the longest word that starts there. */
function indexWords(words: Iterable<string>): Map<string, string[]> {
  const byFirst = new Map<string, string[]>();
  for (const word of words) {
    const list = byFirst.get(word[0]!);
    if (list) list.push(word);
    else byFirst.set(word[0]!, [word]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return byFirst;
}

const GRAMMAR_WORDS = indexWords(Object.keys(CHINESE_WORDS));

/**
 * Splits Chinese intent text into the grammar's tokens in one pass: spaces between words are optional, so each
 * run of CJK characters is cut into the longest known words (the lexicon, then the topology's Chinese site
 * names, which stand for their ids); runs of other characters (ids, numbers, quantities, times) are tokens as in
 * English. A run of CJK characters that is no known word becomes one token, which the parser then refuses
 * with its position.
 */
export function tokenizeChinese(text: string, siteNames: ReadonlyMap<string, string> = new Map()): Token[] {
  checkLength(text);
  const folded = foldFullWidth(text);
  const names = siteNames.size > 0 ? indexWords(siteNames.keys()) : undefined;
  const tokens: Token[] = [];
  const match = (i: number): string | undefined => {
    const c = folded[i]!;
    const candidates = [...(names?.get(c) ?? []), ...(GRAMMAR_WORDS.get(c) ?? [])];
    let best: string | undefined;
    for (const w of candidates) if (folded.startsWith(w, i) && (best === undefined || w.length > best.length)) best = w;
    return best;
  };
  let i = 0;
  while (i < folded.length) {
    if (isSeparator(folded, i, text)) {
      i++;
      continue;
    }
    const code = folded.charCodeAt(i);
    const atWordStart = i === 0 || isSeparator(folded, i - 1, text) || isCjk(folded.charCodeAt(i - 1));
    const word = isCjk(code) || atWordStart ? match(i) : undefined;
    if (word !== undefined) {
      const source = text.slice(i, i + word.length);
      const id = siteNames.get(word);
      if (id !== undefined) tokens.push({ text: id, lower: id.toLowerCase(), at: i, source });
      else for (const english of CHINESE_WORDS[word]!) tokens.push({ text: english, lower: english.toLowerCase(), at: i, source });
      i += word.length;
      continue;
    }
    let j = i + 1;
    if (isCjk(code)) while (j < folded.length && isCjk(folded.charCodeAt(j)) && match(j) === undefined) j++;
    else while (j < folded.length && !isSeparator(folded, j, text) && !isCjk(folded.charCodeAt(j))) j++;
    const run = folded.slice(i, j);
    tokens.push({ text: run, lower: run.toLowerCase(), at: i, ...(run !== text.slice(i, j) ? { source: text.slice(i, j) } : {}) });
    i = j;
  }
  return tokens;
}
