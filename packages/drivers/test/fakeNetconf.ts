import type { CommitOptions, Datastore, NetconfOps, RpcResult } from '@milli/drivers';

/** A recording NetconfOps for applier tests: every call is logged, and chosen RPCs answer with rpc-error. */
export class FakeNetconf implements NetconfOps {
  readonly calls: string[] = [];
  readonly edits: { target: Datastore; config: string }[] = [];
  failing = new Map<string, { errorTag: string; errorMessage?: string; errorPath?: string }>();
  private id = 0;

  private reply(rpc: string, data?: string): Promise<RpcResult> {
    this.calls.push(rpc);
    const messageId = String(++this.id);
    const failure = this.failing.get(rpc);
    if (failure) return Promise.resolve({ rpc, messageId, ok: false, errors: [{ errorType: 'application', ...failure }] });
    return Promise.resolve({ rpc, messageId, ok: true, errors: [], ...(data !== undefined ? { data } : {}) });
  }

  get(_filter?: string) {
    return this.reply('get', '');
  }
  getConfig(source: Datastore) {
    return this.reply(`get-config:${source}`, '');
  }
  editConfig(target: Datastore, config: string) {
    this.edits.push({ target, config });
    return this.reply(`edit-config:${target}`);
  }
  lock(target: Datastore) {
    return this.reply(`lock:${target}`);
  }
  unlock(target: Datastore) {
    return this.reply(`unlock:${target}`);
  }
  validate(source: Datastore) {
    return this.reply(`validate:${source}`);
  }
  commit(options: CommitOptions = {}) {
    const kind = options.confirmed
      ? `commit:confirmed:${options.confirmTimeoutS}:${options.persist}`
      : options.persistId
        ? `commit:confirm:${options.persistId}`
        : 'commit';
    this.calls.push(kind);
    return this.reply('commit');
  }
  cancelCommit(persistId?: string) {
    return this.reply(`cancel-commit:${persistId ?? ''}`);
  }
  discardChanges() {
    return this.reply('discard-changes');
  }
}
