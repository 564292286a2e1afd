import { closest } from '../editDistance';
import {
  type EndpointDocument,
  INDUSTRIES,
  type Industry,
  type IntentDocument,
  type ParsedDocument,
  type ScheduleDocument,
  SLA_TIER_NAMES,
  type SlaTierName,
} from '../document';
import type { ProtectionKind } from '@milli/pce';
import { clip, KEYWORDS, shown, TokenCursor } from './TokenCursor';
import { type Token, tokenize } from './tokenize';
import { isChineseText, tokenizeChinese } from './tokenizeChinese';
import { chineseWordsFor, wanted, word } from './language';
import { scheduleClauses } from './scheduleClauses';
import { numberPrefixLength } from './numberPrefix';
import { CHINESE_STARTERS, PROTECTION_WORDS, ROLE_WORDS, STARTERS } from './textVocabulary';

/**
 * The text form of an intent, parsed by recursive descent over the tokens (grammar in the README, EBNF).
 * Each rule consumes tokens left to right and never backs up, so parsing is linear in the text length.
 * The result is an intent document (the JSON form) plus the offset of every field, so that later checks
 * can name positions in the text.
 */
export function parseIntentText(text: string, options: TextOptions = {}): ParsedDocument {
  return new TextParser(text, options).parse();
}

export interface TextOptions {
  /** Chinese site names → site ids (from the topology), so Chinese text may name a site by its name. */
  siteNames?: ReadonlyMap<string, string>;
}

type Fields = Record<string, unknown>;
type ClauseHandler = (keyword: { text: string; at: number }) => void;

class TextParser {
  private readonly cursor: TokenCursor;
  private readonly locations: Record<string, number> = {};
  private readonly fields: Fields = {};

  private readonly lang: 'en' | 'zh';

  constructor(text: string, options: TextOptions) {
    this.lang = isChineseText(text) ? 'zh' : 'en';
    const tokens = this.lang === 'zh' ? tokenizeChinese(text, options.siteNames) : tokenize(text);
    this.cursor = new TokenCursor(tokens, text.length, this.lang);
  }

  private say(en: string, zh: string): string {
    return this.cursor.say(en, zh);
  }

  parse(): ParsedDocument {
    const first = this.cursor.peek();
    const start = this.say('start with connect, move, scale or release', '请以 连接、迁移、扩容 或 释放 开头');
    if (!first) throw this.cursor.error(this.say(`intent text is empty: ${start}`, `意图为空：${start}`), 0);
    const verb = this.cursor.accept(...STARTERS);
    if (!verb) {
      const guess = this.lang === 'zh' ? closest(shown(first), CHINESE_STARTERS) : closest(first.lower, STARTERS);
      const fix = guess ? this.say(`did you mean '${guess}'?`, `您是不是想说 '${guess}'？`) : start;
      throw this.cursor.error(
        this.say(
          `unknown intent '${clip(first.text)}' at ${first.at}: ${fix}`,
          `未知的意图 '${clip(shown(first))}'（位置 ${first.at}）：${fix}`,
        ),
        first.at,
      );
    }
    this.locations['/kind'] = verb.at;
    if (verb.lower === 'connect') this.connect();
    else if (verb.lower === 'move') this.move();
    else if (verb.lower === 'scale') this.scale();
    else this.release();
    return { document: this.fields as unknown as IntentDocument, form: 'text', locations: this.locations, language: this.lang };
  }

  // connect = "connect" endpoint "to" endpoint { connect-clause }
  private connect(): void {
    this.fields.kind = 'access-line';
    this.endpoint('/from', "'connect'");
    this.cursor.expect(['to'], 'the first site');
    this.endpoint('/to', "'to'");
    this.clauses('connect', {
      under: () => this.quantity('/maxLatency', 'a latency', '1ms'),
      with: () => this.quantity('/bandwidth', 'a bandwidth', '100Mbps'),
      at: () => this.rate(),
      ...this.protectionClauses(),
      tier: () => this.tier(),
      for: () => this.industry(),
      revertive: (keyword) => this.set('/revertive', true, keyword.at),
      ...this.scheduleClauses(),
    });
    this.decideConnectKind();
  }

  /** A connect from a DC, or at a line rate, is a DC interconnect; any other connect is an access line. */
  private decideConnectKind(): void {
    const fromRole = (this.fields.from as EndpointDocument).role;
    const interconnect = fromRole === 'dc' || this.fields.rate !== undefined;
    if (interconnect) {
      this.fields.kind = 'dc-interconnect';
      if (fromRole === 'park' || fromRole === 'access') {
        const at = this.locations['/rate'] ?? 0;
        throw this.cursor.error(
          this.say(
            `a ${fromRole} cannot have a DC interconnect ('at' at ${at}): write 'with BANDWIDTH' for an access line`,
            `${word('zh', fromRole)}不能做数据中心互联（'速率' 位置 ${at}）：接入专线请写 '带宽100Mbps'`,
          ),
          at,
        );
      }
      const misplaced = (['/bandwidth', '/industry'] as const).find((p) => this.fields[p.slice(1)] !== undefined);
      if (misplaced) {
        const at = this.locations[misplaced] ?? 0;
        const fix =
          misplaced === '/bandwidth'
            ? this.say(
                "a DC interconnect runs at a line rate: write 'at 100G' or 'at 400G'",
                "数据中心互联按线路速率：请写 '速率100G' 或 '速率400G'",
              )
            : this.say('a DC interconnect has no customer industry', '数据中心互联没有客户行业');
        const what = misplaced === '/bandwidth' ? this.say('bandwidth', '带宽') : this.say('industry', '行业');
        throw this.cursor.error(this.say(`unexpected ${what} at ${at}: ${fix}`, `多余的${what}（位置 ${at}）：${fix}`), at);
      }
      return;
    }
    if (this.fields.bandwidth === undefined) {
      const at = this.cursor.position();
      throw this.cursor.error(
        this.say(
          `an access line needs a bandwidth at ${at}: add e.g. 'with 100Mbps' (for a DC interconnect, write 'connect dc A to dc B' or 'at 400G')`,
          `接入专线需要带宽（位置 ${at}）：请补充，例如 '带宽100Mbps'（数据中心互联请写 '连接数据中心A到数据中心B' 或 '速率400G'）`,
        ),
        at,
      );
    }
  }

  // move = "move" volume "from" endpoint "to" endpoint { move-clause }
  private move(): void {
    this.fields.kind = 'data-express';
    this.quantity('/volume', 'a data volume', '50TB');
    this.cursor.expect(['from'], 'the volume');
    this.endpoint('/from', "'from'");
    this.cursor.expect(['to'], 'the first site');
    this.endpoint('/to', "'to'");
    this.clauses('move', {
      by: () => this.time('/end'),
      between: () => {
        this.time('/start');
        this.cursor.expect(['and'], 'the start time');
        this.time('/end');
      },
      starting: () => this.time('/start'),
      within: () => this.quantity('/within', 'a duration', '6h'),
      under: () => this.quantity('/maxLatency', 'a latency', '1ms'),
      ...this.protectionClauses(),
      tier: () => this.tier(),
      for: () => this.industry(),
    });
  }

  // scale = "scale" "line" line-id "to" bandwidth { scale-clause }
  private scale(): void {
    this.fields.kind = 'elastic';
    this.cursor.expect(['line'], "'scale'");
    this.lineId();
    this.cursor.expect(['to'], 'the line id');
    this.quantity('/bandwidth', 'a bandwidth', '1Gbps');
    this.clauses('scale', {
      from: () => this.time('/start'),
      starting: () => this.time('/start'),
      to: () => this.time('/end'),
      until: () => this.time('/end'),
      for: () => this.quantity('/within', 'a duration', '3h'),
    });
  }

  // release = "release" "line" line-id [ "at" time ]
  private release(): void {
    this.fields.kind = 'release';
    this.cursor.expect(['line'], "'release'");
    this.lineId();
    this.clauses('release', { at: () => this.time('/at') });
  }

  // endpoint = [ role ] site-id ;  role = "park" | "access" [ "point" ] | "ap" | "dc"
  private endpoint(pointer: string, after: string): void {
    const endpoint: EndpointDocument = { site: '' };
    const roleToken = this.cursor.accept(...Object.keys(ROLE_WORDS));
    if (roleToken) {
      if (roleToken.lower === 'access') this.cursor.accept('point');
      endpoint.role = ROLE_WORDS[roleToken.lower];
      this.locations[`${pointer}/role`] = roleToken.at;
    }
    const site = this.cursor.id(`a site id after ${roleToken ? `'${roleToken.text}'` : after}`, 'dc-north');
    endpoint.site = site.text;
    this.locations[`${pointer}/site`] = site.at;
    this.locations[pointer] = roleToken?.at ?? site.at;
    this.fields[pointer.slice(1)] = endpoint.role ? { site: endpoint.site, role: endpoint.role } : { site: endpoint.site };
  }

  private lineId(): void {
    const token = this.cursor.id('a line id', 'L-42');
    this.set('/line', token.text, token.at);
  }

  /**
   * { clause }: each clause starts with its keyword and may appear once, in any order, until the text ends.
   * Table-driven so that "expected one of" always lists exactly what this intent accepts.
   */
  private clauses(intent: string, handlers: Record<string, ClauseHandler>): void {
    const seen = new Map<string, number>();
    while (!this.cursor.atEnd()) {
      const token = this.cursor.peek()!;
      const handler = handlers[token.lower];
      if (!handler) {
        const words = Object.keys(handlers).map((w) => word(this.lang, w));
        const guess = closest(shown(token), this.lang === 'zh' ? chineseWordsFor(Object.keys(handlers)) : words);
        const fix = guess
          ? this.say(`did you mean '${guess}'?`, `您是不是想说 '${guess}'？`)
          : this.say(`expected one of ${words.map((w) => `'${w}'`).join(', ')}`, `可以是 ${words.map((w) => `'${w}'`).join('、')}`);
        throw this.cursor.error(
          this.say(
            `unexpected '${clip(token.text)}' at ${token.at} in a ${intent} intent: ${fix}`,
            `'${clip(shown(token))}'（位置 ${token.at}）不属于'${word('zh', intent)}'意图：${fix}`,
          ),
          token.at,
        );
      }
      const earlier = seen.get(token.lower);
      if (earlier !== undefined) {
        throw this.cursor.error(
          this.say(
            `'${token.text}' given twice (at ${earlier} and ${token.at}): keep one`,
            `'${shown(token)}' 写了两次（位置 ${earlier} 和 ${token.at}）：请保留一个`,
          ),
          token.at,
        );
      }
      seen.set(token.lower, token.at);
      this.cursor.accept(token.lower);
      handler(token);
    }
  }

  private scheduleClauses(): Record<string, ClauseHandler> {
    return scheduleClauses(this.cursor, {
      set: (key, value, at) => this.setSchedule(key, value, at),
      keywordInstead: (what, token, example) => this.keywordInstead(what, token, example),
    });
  }

  private setSchedule(key: keyof ScheduleDocument, value: string, at: number): void {
    const pointer = `/schedule/${key}`;
    const earlier = this.locations[pointer];
    if (earlier !== undefined) throw this.twice(key, earlier, at);
    if (this.fields.schedule === undefined) this.fields.schedule = {};
    (this.fields.schedule as Record<string, string>)[key] = value;
    this.locations[pointer] = at;
    this.locations['/schedule'] ??= at;
  }

  private protectionClauses(): Record<string, ClauseHandler> {
    // protected [ "by" ( "srlg" | "link" | "node" ) ]: 1+1, SRLG-disjoint unless said otherwise.
    return {
      protected: (keyword) => {
        let kind: ProtectionKind = 'srlg';
        let at = keyword.at;
        if (this.cursor.accept('by')) {
          const token = this.cursor.expect(Object.keys(PROTECTION_WORDS), "'protected by'");
          kind = PROTECTION_WORDS[token.lower] ?? 'srlg';
          at = token.at;
        }
        this.set('/protection', kind, at);
      },
      unprotected: (keyword) => this.set('/protection', 'none', keyword.at),
    };
  }

  private tier(): void {
    const token = this.cursor.take('an SLA tier', '4A');
    const name = SLA_TIER_NAMES.find((t) => t.toLowerCase() === token.lower);
    if (!name) {
      const guess = closest(token.text, SLA_TIER_NAMES);
      throw this.cursor.error(
        this.say(
          `unknown SLA tier '${clip(token.text)}' at ${token.at}: ${guess ? `did you mean '${guess}'? ` : ''}tiers are ${SLA_TIER_NAMES.join(', ')}`,
          `未知的 SLA 等级 '${clip(shown(token))}'（位置 ${token.at}）：${guess ? `您是不是想说 '${guess}'？` : ''}等级为 ${SLA_TIER_NAMES.join('、')}`,
        ),
        token.at,
      );
    }
    this.set('/tier', name satisfies SlaTierName, token.at);
  }

  private industry(): void {
    const token = this.cursor.take('an industry', 'manufacturing');
    const name = INDUSTRIES.find((i) => i === token.lower);
    if (!name) {
      const guess = closest(token.lower, INDUSTRIES);
      const fix = guess
        ? this.say(`did you mean '${guess}'?`, `您是不是想说 '${word('zh', guess)}'？`)
        : this.say(`industries are ${INDUSTRIES.join(', ')}`, `行业为 ${INDUSTRIES.map((i) => word('zh', i)).join('、')}`);
      throw this.cursor.error(
        this.say(
          `unknown industry '${clip(token.text)}' at ${token.at}: ${fix}`,
          `未知的行业 '${clip(shown(token))}'（位置 ${token.at}）：${fix}`,
        ),
        token.at,
      );
    }
    this.set('/industry', name satisfies Industry, token.at);
  }

  // rate = "wavelength" | bandwidth
  private rate(): void {
    const wavelength = this.cursor.accept('wavelength');
    if (wavelength) this.set('/rate', 'wavelength', wavelength.at);
    else this.quantity('/rate', 'a line rate', '400G');
  }

  /** quantity = number unit | number-with-unit: `1ms`, `1 ms`, `2.5 Gbit/s`. Units are checked later, with the JSON form's. */
  private quantity(pointer: string, what: string, example: string): void {
    const token = this.cursor.take(what, example);
    const numberEnd = numberPrefixLength(token.text);
    if (numberEnd === 0) {
      throw this.cursor.error(
        this.say(
          `expected ${what} at ${token.at}, found '${clip(token.text)}': write e.g. '${example}'`,
          `位置 ${token.at} 应为${wanted('zh', what)}，却是 '${clip(shown(token))}'：请写，例如 '${example}'`,
        ),
        token.at,
      );
    }
    let text = token.text;
    if (numberEnd === token.text.length) {
      const unit = this.cursor.peek();
      // The unit is the next token only if it is a word: `1,5Gbps` must not read as 15 Gbit/s.
      if (!unit || KEYWORDS.has(unit.lower) || numberPrefixLength(unit.text) > 0 || unit.text.startsWith('.')) {
        throw this.cursor.error(
          this.say(
            `${what} '${clip(token.text)}' at ${token.at} has no unit: write e.g. '${example}'`,
            `${wanted('zh', what)} '${clip(token.text)}'（位置 ${token.at}）缺少单位：请写，例如 '${example}'`,
          ),
          token.at,
        );
      }
      this.cursor.accept(unit.lower);
      text = `${token.text}${unit.text}`;
    }
    this.set(pointer, text, token.at);
  }

  /** time = "now" | ISO 8601 date-time with zone | HH:MM [ zone ]; checked when times are resolved against `now`. */
  private time(pointer: string): void {
    const token = this.cursor.take('a time', '2026-12-01T06:00Z');
    if (KEYWORDS.has(token.lower)) throw this.keywordInstead('a time', token, '20:00');
    const next = this.cursor.peek();
    if (token.text.length === 10 && token.text[4] === '-' && next && numberPrefixLength(next.text) > 0) {
      throw this.cursor.error(
        this.say(
          `date '${token.text}' at ${token.at} and time '${clip(next.text)}' are apart: write them as one, e.g. '${token.text}T${clip(next.text)}'`,
          `日期 '${token.text}'（位置 ${token.at}）和时间 '${clip(next.text)}' 分开了：请连写，例如 '${token.text}T${clip(next.text)}'`,
        ),
        token.at,
      );
    }
    this.set(pointer, token.lower === 'now' ? 'now' : token.text, token.at);
  }

  private set(pointer: string, value: unknown, at: number): void {
    const earlier = this.locations[pointer];
    if (earlier !== undefined) throw this.twice(pointer.slice(1), earlier, at);
    this.fields[pointer.slice(1)] = value;
    this.locations[pointer] = at;
  }

  private twice(field: string, earlier: number, at: number) {
    return this.cursor.error(
      this.say(`${field} given twice (at ${earlier} and ${at}): keep one`, `${field} 写了两次（位置 ${earlier} 和 ${at}）：请保留一个`),
      at,
    );
  }

  private keywordInstead(what: string, token: Token, example: string) {
    return this.cursor.error(
      this.say(
        `expected ${what} at ${token.at}, found the keyword '${token.text}': write e.g. '${example}'`,
        `位置 ${token.at} 应为${wanted('zh', what)}，却是关键词 '${shown(token)}'：请写，例如 '${example}'`,
      ),
      token.at,
    );
  }
}
