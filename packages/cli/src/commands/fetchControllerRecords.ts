import { MilliError } from '@milli/core';

/**
 * Reads the live controller's lines and intents over its HTTP API (GET /v1/lines, GET /v1/intents, following the
 * intents' `next` cursor as `after`), with a Bearer token taken from an environment variable. The token never
 * appears in a message.
 */
export async function fetchControllerRecords(apiUrl: string, tokenEnv: string): Promise<{ lines: unknown; intents: unknown }> {
  const token = process.env[tokenEnv];
  if (token === undefined || token === '') {
    throw new MilliError('INVALID_ARGUMENT', `--token-env ${tokenEnv}: the environment variable is not set`, {
      option: 'token-env',
      variable: tokenEnv,
    });
  }
  let base: URL;
  try {
    base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  } catch {
    throw new MilliError('INVALID_ARGUMENT', `--api '${apiUrl}' is not a URL`, { option: 'api' });
  }
  const get = async (path: string): Promise<unknown> => {
    const url = new URL(path, base);
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    } catch (error) {
      throw new MilliError('REPORT_SOURCE', `GET ${url.pathname}${url.search} failed: ${(error as Error).message}`, {
        url: url.origin + url.pathname,
      });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new MilliError('REPORT_SOURCE', `GET ${url.pathname} answered ${response.status}: ${text.slice(0, 200)}`, {
        url: url.origin + url.pathname,
        status: response.status,
      });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new MilliError('REPORT_SOURCE', `GET ${url.pathname} answered something that is not JSON`, { url: url.origin + url.pathname });
    }
  };
  const linesBody = await get('v1/lines');
  const lines = Array.isArray(linesBody) ? linesBody : (linesBody as { items?: unknown })?.items;
  const intents: unknown[] = [];
  let after: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const body = (await get(after === undefined ? 'v1/intents' : `v1/intents?after=${encodeURIComponent(after)}`)) as {
      items?: unknown;
      next?: unknown;
    };
    const items = Array.isArray(body) ? body : body?.items;
    if (!Array.isArray(items)) return { lines, intents: items };
    intents.push(...items);
    if (Array.isArray(body) || typeof body.next !== 'string' || body.next === '') break;
    after = body.next;
  }
  return { lines, intents };
}
