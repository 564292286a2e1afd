/** Configuration datastores of RFC 6241 (startup needs :startup, candidate needs :candidate). */
export type Datastore = 'running' | 'candidate' | 'startup';

/** Where a configuration comes from: a datastore, a URL (:url), or inline XML (the content of `<config>`). */
export type ConfigSource = Datastore | { url: string } | { config: string };

/** A target that can be written: a datastore or a URL. */
export type ConfigTarget = Datastore | { url: string };

/**
 * A filter for get and get-config. Subtree content is XML text (elements carry their own xmlns). XPath needs
 * the :xpath capability; `namespaces` binds the prefixes the expression uses.
 */
export type Filter = { type: 'subtree'; content: string } | { type: 'xpath'; select: string; namespaces?: Record<string, string> };

export interface EditConfigOptions {
  target: ConfigTarget;
  /** The content of `<config>`: XML text; `nc:operation="..."` attributes may use the prefix `nc`, bound for you. */
  config: string;
  defaultOperation?: 'merge' | 'replace' | 'none';
  testOption?: 'test-then-set' | 'set' | 'test-only';
  errorOption?: 'stop-on-error' | 'continue-on-error' | 'rollback-on-error';
}

export interface CommitOptions {
  confirmed?: boolean;
  /** Seconds before an unconfirmed commit rolls back (server default 600). */
  confirmTimeout?: number;
  /** Make the confirmed commit survive the session: confirm it later with persistId from any session. */
  persist?: string;
  /** Confirm (or extend) a persistent confirmed commit made earlier. */
  persistId?: string;
}

export interface SubscriptionOptions {
  stream?: string;
  filter?: Filter;
  /** RFC 3339 date-time: replay from here (needs the stream's replay support). */
  startTime?: string;
  stopTime?: string;
}
