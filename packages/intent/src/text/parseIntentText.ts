import { closest } from '../editDistance';
import {
  type EndpointDocument,
  type EndpointRole,
  INDUSTRIES,
  type Industry,
  type IntentDocument,
  type ParsedDocument,
  SLA_TIER_NAMES,
  type SlaTierName,
} from '../document';
import type { ProtectionKind } from '@milli/pce';
import { clip, KEYWORDS, TokenCursor } from './TokenCursor';
import { tokenize } from './tokenize';

/**
 * The text form of an intent, parsed by recursive descent over the tokens (grammar in the README, EBNF).
 * Each rule consumes tokens left to right and never backs up, so parsing is linear in the text length.
 * The result is an intent document (the JSON form) plus the offset of every field, so that later checks
 * can name positions in the text.
 */
export function parseIntentText(text: string): ParsedDocument {
  return new TextParser(text).parse();
}

type Fields = Record<string, unknown>;
type ClauseHandler = (keyword: { text: string; at: number }) => void;

const STARTERS = ['connect', 'move', 'scale', 'release'];
const ROLE_WORDS: Record<string, EndpointRole> = { park: 'park', access: 'access', ap: 'access', dc: 'dc' };
const PROTECTION_WORDS: Record<string, ProtectionKind> = { srlg: 'srlg', link: 'link', node: 'node' };

class TextParser {
  private readonly cursor: TokenCursor;
  private readonly locations: Record<string, number> = {};
  private readonly fields: Fields = {};

  constructor(text: string) {
    this.cursor = new TokenCursor(tokenize(text), text.length);
  }

  parse(): ParsedDocument {
    const first = this.cursor.peek();
    if (!first) throw this.cursor.error('intent text is empty: start with connect, move, scale or release', 0);
    const verb = this.cursor.accept(...STARTERS);
    if (!verb) {
      const guess = closest(first.lower, STARTERS);
      const fix = guess ? `did you mean '${guess}'?` : 'start with connect, move, scale or release';
      throw this.cursor.error(`unknown intent '${clip(first.text)}' at ${first.at}: ${fix}`, first.at);
    }
    this.locations['/kind'] = verb.at;
    if (verb.lower === 'connect') this.connect();
    else if (verb.lower === 'move') this.move();
    else if (verb.lower === 'scale') this.scale();
    else this.release();
    return { document: this.fields as unknown as IntentDocument, form: 'text', locations: this.locations };
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
          `a ${fromRole} cannot have a DC interconnect ('at' at ${at}): write 'with BANDWIDTH' for an access line`,
          at,
        );
      }
      const misplaced = (['/bandwidth', '/industry'] as const).find((p) => this.fields[p.slice(1)] !== undefined);
      if (misplaced) {
        const at = this.locations[misplaced] ?? 0;
        const fix =
          misplaced === '/bandwidth'
            ? "a DC interconnect runs at a line rate: write 'at 100G' or 'at 400G'"
            : 'a DC interconnect has no customer industry';
        throw this.cursor.error(`unexpected ${misplaced.slice(1)} at ${at}: ${fix}`, at);
      }
      return;
    }
    if (this.fields.bandwidth === undefined) {
      const at = this.cursor.position();
      throw this.cursor.error(
        `an access line needs a bandwidth at ${at}: add e.g. 'with 100Mbps' (for a DC interconnect, write 'connect dc A to dc B' or 'at 400G')`,
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
        const words = Object.keys(handlers);
        const guess = closest(token.lower, words);
        const fix = guess ? `did you mean '${guess}'?` : `expected one of ${words.map((w) => `'${w}'`).join(', ')}`;
        throw this.cursor.error(`unexpected '${clip(token.text)}' at ${token.at} in a ${intent} intent: ${fix}`, token.at);
      }
      const earlier = seen.get(token.lower);
      if (earlier !== undefined) {
        throw this.cursor.error(`'${token.text}' given twice (at ${earlier} and ${token.at}): keep one`, token.at);
      }
      seen.set(token.lower, token.at);
      this.cursor.accept(token.lower);
      handler(token);
    }
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
        `unknown SLA tier '${clip(token.text)}' at ${token.at}: ${guess ? `did you mean '${guess}'? ` : ''}tiers are ${SLA_TIER_NAMES.join(', ')}`,
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
      const fix = guess ? `did you mean '${guess}'?` : `industries are ${INDUSTRIES.join(', ')}`;
      throw this.cursor.error(`unknown industry '${clip(token.text)}' at ${token.at}: ${fix}`, token.at);
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
      throw this.cursor.error(`expected ${what} at ${token.at}, found '${clip(token.text)}': write e.g. '${example}'`, token.at);
    }
    let text = token.text;
    if (numberEnd === token.text.length) {
      const unit = this.cursor.peek();
      // The unit is the next token only if it is a word: `1,5Gbps` must not read as 15 Gbit/s.
      if (!unit || KEYWORDS.has(unit.lower) || numberPrefixLength(unit.text) > 0 || unit.text.startsWith('.')) {
        throw this.cursor.error(`${what} '${clip(token.text)}' at ${token.at} has no unit: write e.g. '${example}'`, token.at);
      }
      this.cursor.accept(unit.lower);
      text = `${token.text}${unit.text}`;
    }
    this.set(pointer, text, token.at);
  }

  /** time = "now" | ISO 8601 date-time with zone | HH:MM [ zone ]; checked when times are resolved against `now`. */
  private time(pointer: string): void {
    const token = this.cursor.take('a time', '2026-12-01T06:00Z');
    if (KEYWORDS.has(token.lower)) {
      throw this.cursor.error(
        `expected a time at ${token.at}, found the keyword '${token.text}': write e.g. '20:00' or '2026-12-01T06:00Z'`,
        token.at,
      );
    }
    const next = this.cursor.peek();
    if (token.text.length === 10 && token.text[4] === '-' && next && numberPrefixLength(next.text) > 0) {
      throw this.cursor.error(
        `date '${token.text}' at ${token.at} and time '${clip(next.text)}' are apart: write them as one, e.g. '${token.text}T${clip(next.text)}'`,
        token.at,
      );
    }
    this.set(pointer, token.lower === 'now' ? 'now' : token.text, token.at);
  }

  private set(pointer: string, value: unknown, at: number): void {
    const earlier = this.locations[pointer];
    if (earlier !== undefined) {
      throw this.cursor.error(`${pointer.slice(1)} given twice (at ${earlier} and ${at}): keep one`, at);
    }
    this.fields[pointer.slice(1)] = value;
    this.locations[pointer] = at;
  }
}

/** Length of the leading `digits [ "." digits ]` of a token (0 if it does not start with a digit). */
function numberPrefixLength(text: string): number {
  let i = 0;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === 0) return 0;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i++;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
