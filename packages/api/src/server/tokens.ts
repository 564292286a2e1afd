import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { MilliError } from '@milli/core';

export type Role = 'viewer' | 'operator';
export const ROLES: readonly Role[] = ['viewer', 'operator'];

/** Shorter tokens are refused at start: a bearer token is a password and must not be guessable. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * The API's bearer tokens and their roles. Only digests are kept; a presented token is compared with every entry in
 * constant time (no early exit), so neither its content nor which entry it matched shows in the answer's timing.
 */
export class TokenTable {
  private readonly entries: { digest: Buffer; role: Role }[];

  constructor(entries: { token: string; role: Role }[]) {
    this.entries = entries.map(({ token, role }) => ({ digest: digest(token), role }));
  }

  get size(): number {
    return this.entries.length;
  }

  roleOf(presented: string): Role | undefined {
    const candidate = digest(presented);
    let found: Role | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, candidate)) found = entry.role;
    }
    return found;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * `token:role` entries separated by commas or newlines (MILLI_TOKENS, or a tokens file, where `#` starts a comment).
 * Errors name the entry by position, never by content: the text is a secret.
 */
export function parseTokens(text: string, source: string): { token: string; role: Role }[] {
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.length > 0);
  return entries.map((entry, index) => {
    const colon = entry.lastIndexOf(':');
    const token = colon < 0 ? '' : entry.slice(0, colon);
    const role = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!ROLES.includes(role as Role)) {
      throw new MilliError('INVALID_ARGUMENT', `${source}: entry ${index + 1} must be token:viewer or token:operator`, {
        source,
        entry: index + 1,
      });
    }
    if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
      throw new MilliError(
        'INVALID_ARGUMENT',
        `${source}: entry ${index + 1}: a token must be at least ${MIN_TOKEN_LENGTH} characters without spaces`,
        { source, entry: index + 1 },
      );
    }
    return { token, role: role as Role };
  });
}

/** Tokens from MILLI_TOKENS and from a tokens file, together. */
export async function loadTokens(options: { env?: string; file?: string }): Promise<TokenTable> {
  const entries = options.env ? parseTokens(options.env, 'MILLI_TOKENS') : [];
  if (options.file !== undefined) {
    let text: string;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (error) {
      throw new MilliError('INVALID_ARGUMENT', `--tokens ${options.file}: cannot read it (${(error as NodeJS.ErrnoException).code})`, {
        file: options.file,
      });
    }
    entries.push(...parseTokens(text, options.file));
  }
  return new TokenTable(entries);
}
