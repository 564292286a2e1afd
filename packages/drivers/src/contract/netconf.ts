/**
 * The NETCONF operations a driver needs, as three small interfaces. netconf-client's NetconfClient is adapted to
 * them in one place (`registry/netconfAdapter.ts`), so drivers and their tests never depend on its wire details.
 * Payloads are XML text inside the driver layer only; callers of a driver never see them.
 */
export type Datastore = 'running' | 'candidate';

export interface RpcErrorInfo {
  errorType?: string;
  errorTag: string;
  errorSeverity?: string;
  errorPath?: string;
  errorMessage?: string;
  errorAppTag?: string;
}

/** A reply as data: `ok` false carries the rpc-errors; throwing is the caller's choice. */
export interface RpcResult {
  rpc: string;
  messageId: string;
  ok: boolean;
  /** The inner XML of `<data>` for get/get-config. */
  data?: string;
  errors: RpcErrorInfo[];
}

export interface NetconfReader {
  /** `<get>` with an optional subtree filter (XML). */
  get(filter?: string): Promise<RpcResult>;
  getConfig(source: Datastore, filter?: string): Promise<RpcResult>;
}

export interface NetconfWriter {
  /** `config` is the inner XML of `<config>`; `defaultOperation` none keeps untouched siblings as they are. */
  editConfig(target: Datastore, config: string, defaultOperation?: 'merge' | 'replace' | 'none'): Promise<RpcResult>;
  lock(target: Datastore): Promise<RpcResult>;
  unlock(target: Datastore): Promise<RpcResult>;
  validate(source: Datastore): Promise<RpcResult>;
}

export interface CommitOptions {
  confirmed?: boolean;
  confirmTimeoutS?: number;
  persist?: string;
  persistId?: string;
}

export interface NetconfCommitter {
  commit(options?: CommitOptions): Promise<RpcResult>;
  cancelCommit(persistId?: string): Promise<RpcResult>;
  discardChanges(): Promise<RpcResult>;
}

export type NetconfOps = NetconfReader & NetconfWriter & NetconfCommitter;
