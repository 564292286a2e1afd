import { existsSync, readFileSync, statSync } from 'node:fs';
import { DataTree } from './DataTree';
import { ContextHandle, contextFinalizer, TreeHandle } from './handles';
import { YangError } from './YangError';
import { systemYangDirs } from './systemYangDirs';
import type { LoadModuleOptions, ParseDataOptions, ParseOperationOptions, YangContextOptions, YangModuleInfo } from './types';
import { drainErrors } from './native/errorRecords';
import { failure, parseErrorCode } from './native/fail';
import { LYS_MODULE, readStr, takeMallocString } from './native/layout';
import {
  libyang,
  LY_CTX_DISABLE_SEARCHDIR_CWD,
  LY_CTX_SET_PRIV_PARSED,
  LYD_JSON,
  LYD_PARSE_NO_STATE,
  LYD_PARSE_ONLY,
  LYD_PARSE_STRICT,
  LYD_VALIDATE_NO_STATE,
  LYD_VALIDATE_PRESENT,
  LYD_XML,
  LYS_IN_YANG,
  LYS_IN_YIN,
  LYS_OUT_TREE,
  LYS_OUT_YANG,
  type Ptr,
} from './native/libyang';
import { parseOperation } from './parseOperation';
import { moduleInfo } from './moduleInfo';
import { moduleFilesIn } from './moduleFiles';
import { modulesDependingOn } from './moduleDependents';
import { validationRemoves } from './validationRemoves';

/**
 * One libyang context: the loaded modules and every data tree parsed or built against them.
 * Not shared across threads (libyang keeps error records per thread and per context).
 * dispose() frees the context and every tree still alive; using any of them afterwards throws YANG_DISPOSED.
 */
export class YangContext {
  /** @internal */
  readonly handle: ContextHandle;

  constructor(options: YangContextOptions = {}) {
    const ly = libyang();
    const out: number[] = [0];
    const rc = ly.ly_ctx_new(null, LY_CTX_DISABLE_SEARCHDIR_CWD | LY_CTX_SET_PRIV_PARSED, out);
    if (rc !== 0 || !out[0]) throw new YangError('YANG_CONTEXT', `creating a libyang context failed (rc ${rc})`);
    this.handle = new ContextHandle(out[0]!);
    contextFinalizer.register(this, this.handle, this);
    const dirs = [...(options.searchDirs ?? []), ...(options.systemDirs === false ? [] : systemYangDirs())];
    for (const dir of dirs) this.addSearchDir(dir);
  }

  addSearchDir(dir: string): void {
    const ctx = this.handle.live();
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new YangError('YANG_CONTEXT', `YANG search dir ${dir} does not exist or is not a directory`, [], { dir });
    }
    const rc = libyang().ly_ctx_set_searchdir(ctx, dir);
    // LY_EEXIST: the dir is already searched, which is what was asked.
    if (rc !== 0 && rc !== 4) throw failure(ctx, 'YANG_CONTEXT', `adding search dir ${dir}`, rc, { dir });
    drainErrors(ctx);
  }

  /** Loads (and implements) a module found in the search dirs. Features default to all enabled. */
  loadModule(name: string, options: LoadModuleOptions = {}): YangModuleInfo {
    const ctx = this.handle.live();
    const mod = libyang().ly_ctx_load_module(ctx, name, options.revision ?? null, featureArray(options.features));
    if (!mod)
      throw failure(
        ctx,
        'YANG_CONTEXT',
        `loading module ${name}${options.revision ? `@${options.revision}` : ''}`,
        5,
        { module: name, revision: options.revision },
        'schemaPath',
      );
    drainErrors(ctx);
    return moduleInfo(mod);
  }

  /** Parses and implements a module file (.yang or .yin); its imports come from the search dirs and the file's dir. */
  loadModuleFromPath(path: string, options: Pick<LoadModuleOptions, 'features'> = {}): YangModuleInfo {
    const ctx = this.handle.live();
    const ly = libyang();
    if (!existsSync(path)) throw new YangError('YANG_CONTEXT', `YANG module file ${path} does not exist`, [], { path });
    const inp: number[] = [0];
    let rc = ly.ly_in_new_filepath(path, 0, inp);
    if (rc !== 0) throw failure(ctx, 'YANG_CONTEXT', `opening ${path}`, rc, { path });
    const out: number[] = [0];
    try {
      rc = ly.lys_parse(ctx, inp[0], path.endsWith('.yin') ? LYS_IN_YIN : LYS_IN_YANG, featureArray(options.features), out);
    } finally {
      ly.ly_in_free(inp[0], 0);
    }
    if (rc !== 0 || !out[0]) throw failure(ctx, 'YANG_CONTEXT', `loading module file ${path}`, rc, { path }, 'schemaPath');
    drainErrors(ctx);
    return moduleInfo(out[0]!);
  }

  /**
   * Adds `dir` to the search dirs and implements every module in it (the newest revision of each;
   * submodules come in through their module). Returns what was loaded, in name order.
   */
  loadModulesFromDir(dir: string, options: Pick<LoadModuleOptions, 'features'> = {}): YangModuleInfo[] {
    this.addSearchDir(dir);
    const loaded = new Map<string, YangModuleInfo>();
    for (const file of moduleFilesIn(dir)) {
      if (loaded.has(file.name)) continue;
      const opts: LoadModuleOptions = { ...options };
      if (file.revision) opts.revision = file.revision;
      loaded.set(file.name, this.loadModule(file.name, opts));
    }
    return [...loaded.values()];
  }

  listModules(): YangModuleInfo[] {
    const ctx = this.handle.live();
    const ly = libyang();
    const index = [0];
    const out: YangModuleInfo[] = [];
    for (let mod = ly.ly_ctx_get_module_iter(ctx, index); mod; mod = ly.ly_ctx_get_module_iter(ctx, index)) {
      out.push(moduleInfo(mod));
    }
    return out;
  }

  /**
   * The modules whose data must be validated again when the data of `changed` changed: those and every implemented
   * module importing one of them (directly or not). See DataTree.validateModules.
   */
  modulesDependingOn(changed: readonly string[]): string[] {
    return modulesDependingOn(this.handle.live(), changed);
  }

  /**
   * Whether validating the data of the implemented module `name` can remove any of it (a `when` or a choice among
   * its data nodes, augments into it included); validation of a module that cannot only adds defaults, and
   * DataTree.validateModules then reports `removed: false` without building libyang's validation diff.
   */
  validationCanRemove(name: string): boolean {
    const mod = libyang().ly_ctx_get_module_implemented(this.handle.live(), name);
    if (!mod) throw new YangError('YANG_NOT_FOUND', `module ${name} is not implemented`, [], { module: name });
    return validationRemoves(this.handle, mod);
  }

  /** The module's schema tree as `yanglint -f tree` prints it. */
  printTree(moduleName: string): string {
    const ctx = this.handle.live();
    const mod = this.findModule(moduleName);
    if (!mod) throw new YangError('YANG_NOT_FOUND', `module ${moduleName} is not loaded`, [], { module: moduleName });
    const out: number[] = [0];
    const rc = libyang().lys_print_mem(out, mod, LYS_OUT_TREE, 0);
    if (rc !== 0) throw failure(ctx, 'YANG_CONTEXT', `printing the tree of ${moduleName}`, rc, { module: moduleName });
    return takeMallocString(out[0]!);
  }

  /** YANG text of a loaded module (for NETCONF get-schema): the original file when there is one, else libyang's print. */
  moduleSource(name: string, revision?: string): string | undefined {
    const ctx = this.handle.live();
    const mod = revision ? libyang().ly_ctx_get_module(ctx, name, revision) : this.findModule(name);
    if (!mod) return undefined;
    const file = readStr(mod, LYS_MODULE.filepath);
    if (file?.endsWith('.yang') && existsSync(file)) return readFileSync(file, 'utf8');
    const out: number[] = [0];
    const rc = libyang().lys_print_mem(out, mod, LYS_OUT_YANG, 0);
    if (rc !== 0) throw failure(ctx, 'YANG_CONTEXT', `printing module ${name}`, rc, { module: name });
    return takeMallocString(out[0]!);
  }

  parseData(text: string, options: ParseDataOptions): DataTree {
    const ctx = this.handle.live();
    let parse = options.strict === false ? 0 : LYD_PARSE_STRICT;
    let validate = 0;
    if (options.mode === 'config') {
      parse |= LYD_PARSE_NO_STATE;
      validate = LYD_VALIDATE_NO_STATE;
    } else if (options.mode === 'config+state') {
      validate = LYD_VALIDATE_PRESENT;
    } else if (options.mode === 'edit') {
      parse |= LYD_PARSE_ONLY;
    } else {
      throw new YangError('YANG_PARSE', `unknown parse mode ${String(options.mode)}`, [], { mode: options.mode });
    }
    if (options.validate === false) {
      // Parsed as the datastore would be (state refused in config mode), validation left to the caller.
      parse |= LYD_PARSE_ONLY;
      validate = 0;
    }
    const out: number[] = [0];
    const ly = libyang();
    const rc = ly.lyd_parse_data_mem(ctx, text, options.format === 'json' ? LYD_JSON : LYD_XML, parse, validate, out);
    if (rc !== 0) {
      if (out[0]) ly.lyd_free_all(out[0]);
      throw failure(ctx, parseErrorCode, `parsing ${options.format.toUpperCase()} data (${options.mode})`, rc, {
        mode: options.mode,
        format: options.format,
      });
    }
    drainErrors(ctx);
    const tree = this.adopt(out[0]!);
    if (options.mode !== 'edit' && options.validate !== false) tree.markValidated(options.mode);
    return tree;
  }

  /** Parses an RPC, a reply or a notification, bare or (XML) inside its NETCONF envelope. */
  parseOperation(text: string, options: ParseOperationOptions): DataTree {
    for (const [what, tree] of [
      ['request', options.request],
      ['operational', options.operational],
    ] as const) {
      if (tree && tree.handle.context !== this.handle) {
        throw new YangError('YANG_CONTEXT', `parseOperation: options.${what} must be a tree of this YangContext`);
      }
    }
    const parsed = parseOperation(this.handle.live(), text, options);
    const handle = new TreeHandle(this.handle, parsed.root);
    if (parsed.envelope) handle.extra.push(parsed.envelope);
    return new DataTree(this, handle, parsed.operation);
  }

  /**
   * ietf-yang-library data describing this context's modules (for a NETCONF server's yang-library and
   * get-schema answers). content-id is the context's change count; the datastore entries are the caller's to add.
   */
  yangLibrary(): DataTree {
    const ctx = this.handle.live();
    const ly = libyang();
    const out: number[] = [0];
    const rc = ly.ly_ctx_get_yanglib_data(ctx, out, '%u', 'unsigned int', ly.ly_ctx_get_change_count(ctx));
    if (rc !== 0) throw failure(ctx, 'YANG_CONTEXT', 'building the yang-library data', rc);
    drainErrors(ctx);
    return this.adopt(out[0]!);
  }

  /** An empty tree to build into with newPath. */
  newTree(): DataTree {
    this.handle.live();
    return this.adopt(0);
  }

  dispose(): void {
    contextFinalizer.unregister(this);
    this.handle.destroy();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private adopt(root: Ptr): DataTree {
    return new DataTree(this, new TreeHandle(this.handle, root));
  }

  private findModule(name: string): Ptr {
    const ctx = this.handle.live();
    const ly = libyang();
    return ly.ly_ctx_get_module_implemented(ctx, name) || ly.ly_ctx_get_module_latest(ctx, name);
  }
}

function featureArray(features: string[] | undefined): (string | null)[] {
  return [...(features ?? ['*']), null];
}
