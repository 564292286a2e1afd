import { ApiClient } from '@milli/api';
import { MilliError } from '@milli/core';
import type { Command } from 'commander';

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';
export const DEFAULT_TOKEN_ENV = 'MILLI_TOKEN';

export interface ApiClientOptions {
  api?: string;
  tokenEnv?: string;
  json?: boolean;
}

/** The options every client of the HTTP API takes: where it is, which variable holds the token, and --json. */
export function withApiOptions(command: Command): Command {
  return command
    .option('--api <url>', `the milli API (default: $MILLI_API, else ${DEFAULT_API_URL})`)
    .option('--token-env <var>', `the environment variable holding the bearer token (default ${DEFAULT_TOKEN_ENV})`)
    .option('--json', 'print machine-readable JSON');
}

/** The token is read from the environment, never from the command line, where other users could see it. */
export function apiClientFrom(options: ApiClientOptions, env: NodeJS.ProcessEnv = process.env): ApiClient {
  const url = options.api ?? env.MILLI_API ?? DEFAULT_API_URL;
  if (!/^https?:\/\/[^/\s]+/.test(url)) {
    throw new MilliError('INVALID_ARGUMENT', `--api '${url}': write a URL such as ${DEFAULT_API_URL}`, { option: 'api' });
  }
  const variable = options.tokenEnv ?? DEFAULT_TOKEN_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw new MilliError('INVALID_ARGUMENT', `--token-env '${variable}' is not an environment variable name`, { option: 'token-env' });
  }
  return new ApiClient(url, env[variable]);
}

/** Writes one line to stdout: the commands' only output channel, so tests and pipes read the same text. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
