import type { DataFormat, DataTree } from './DataTree';

export interface YangModuleInfo {
  name: string;
  revision?: string;
  namespace: string;
  prefix: string;
  /** Implemented (its data can be instantiated), not only imported for its types and groupings. */
  implemented: boolean;
  /** Enabled features. */
  features: string[];
}

export interface YangContextOptions {
  /** Directories searched for imported and named modules, in order. */
  searchDirs?: string[];
  /**
   * Also search Debian's system module dirs after searchDirs (default true): /usr/share/yuma/modules/ietf holds
   * ietf-netconf, ietf-netconf-monitoring, ietf-netconf-with-defaults (package libyuma-base); libyang itself
   * carries ietf-yang-library, ietf-datastores, ietf-inet-types and ietf-yang-types built in.
   */
  systemDirs?: boolean;
}

export interface LoadModuleOptions {
  revision?: string;
  /** Features to enable; default all ('*'); [] enables none. */
  features?: string[];
}

/**
 * config: a full config datastore, validated against every implemented module, state data refused.
 * config+state: a get reply, validated for the modules whose data is present.
 * edit: edit-config <config> content, parsed only (no validation), nc:operation attributes kept as metadata.
 */
export type ParseMode = 'config' | 'config+state' | 'edit';

export interface ParseDataOptions {
  format: DataFormat;
  mode: ParseMode;
  /** Unknown elements are errors (default true); false drops them silently. */
  strict?: boolean;
  /**
   * config / config+state: validate after parsing (default true). false parses the datastore as it would be parsed
   * (state refused in config mode) and leaves validation to the caller: `validate` or `validateModules`.
   */
  validate?: boolean;
}

export type OperationKind = 'rpc' | 'reply' | 'notification';

export interface ParseOperationOptions {
  format: DataFormat;
  kind: OperationKind;
  /** Parse the whole NETCONF message (<rpc>, <rpc-reply>, <notification> envelope); XML only. */
  netconf?: boolean;
  /** For a reply: the request it answers (a tree from parseOperation kind 'rpc'). Required for NETCONF replies. */
  request?: DataTree;
  /** Validate the operation after parsing (default true): mandatory input, types, must. */
  validate?: boolean;
  /** Operational data that leafrefs and instance-identifiers in the operation point into. */
  operational?: DataTree;
}
