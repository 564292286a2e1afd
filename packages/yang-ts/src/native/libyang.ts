import koffi from 'koffi';
import { MilliError } from '@milli/core';

/**
 * The libyang 2 C API as koffi functions. Every libyang struct is an opaque pointer here: fields are read
 * at fixed offsets in layout.ts, so koffi never copies whole structs. `char **` results are declared as
 * `void **` and freed with libc's free after decoding (a koffi `char **` out-string leaks the buffer).
 */
export type Ptr = object;

const SONAME = 'libyang.so.2';

function declare() {
  let lib: koffi.IKoffiLib;
  let libc: koffi.IKoffiLib;
  try {
    lib = koffi.load(SONAME);
    libc = koffi.load('libc.so.6');
  } catch (cause) {
    throw new MilliError(
      'YANG_LIBRARY_MISSING',
      `cannot load ${SONAME}: install Debian's libyang2 (apt-get install libyang2)`,
      { soname: SONAME },
      { cause },
    );
  }
  const f = (sig: string) => lib.func(sig);
  return {
    free: libc.func('void free(void *ptr)'),
    ly_log_options: f('uint32_t ly_log_options(uint32_t opts)'),
    ly_ctx_new: f('int ly_ctx_new(const char *search_dir, uint16_t options, _Out_ void **ctx)'),
    ly_ctx_destroy: f('void ly_ctx_destroy(void *ctx)'),
    ly_ctx_set_searchdir: f('int ly_ctx_set_searchdir(void *ctx, const char *dir)'),
    ly_ctx_load_module: f('void *ly_ctx_load_module(void *ctx, const char *name, const char *revision, const char **features)'),
    ly_ctx_get_module_iter: f('void *ly_ctx_get_module_iter(void *ctx, _Inout_ uint32_t *index)'),
    ly_ctx_get_module: f('void *ly_ctx_get_module(void *ctx, const char *name, const char *revision)'),
    ly_ctx_get_module_implemented: f('void *ly_ctx_get_module_implemented(void *ctx, const char *name)'),
    ly_ctx_get_module_latest: f('void *ly_ctx_get_module_latest(void *ctx, const char *name)'),
    ly_err_first: f('void *ly_err_first(void *ctx)'),
    ly_err_clean: f('void ly_err_clean(void *ctx, void *eitem)'),
    lys_parse: f('int lys_parse(void *ctx, void *in, int format, const char **features, _Out_ void **module)'),
    ly_in_new_filepath: f('int ly_in_new_filepath(const char *filepath, size_t len, _Out_ void **in)'),
    ly_ctx_get_module_latest_ns: f('void *ly_ctx_get_module_latest_ns(void *ctx, const char *ns)'),
    lys_set_implemented: f('int lys_set_implemented(void *module, const char **features)'),
    lys_feature_value: f('int lys_feature_value(void *module, const char *feature)'),
    lysp_feature_next: f('void *lysp_feature_next(void *last, void *pmod, _Inout_ uint32_t *idx)'),
    lys_print_mem: f('int lys_print_mem(_Out_ void **strp, void *module, int format, uint32_t options)'),
    lyd_parse_data_mem: f(
      'int lyd_parse_data_mem(void *ctx, const char *data, int format, uint32_t parse_options, uint32_t validate_options, _Out_ void **tree)',
    ),
    // The input handle keeps the pointer: pass a NUL-terminated Buffer that outlives the handle, not a JS string.
    ly_in_new_memory: f('int ly_in_new_memory(void *str, _Out_ void **in)'),
    ly_in_free: f('void ly_in_free(void *in, uint8_t destroy)'),
    lyd_parse_op: f('int lyd_parse_op(void *ctx, void *parent, void *in, int format, int data_type, _Out_ void **tree, _Out_ void **op)'),
    lyd_validate_op: f('int lyd_validate_op(void *op_tree, void *dep_tree, int data_type, void *diff)'),
    lyd_validate_all: f('int lyd_validate_all(_Inout_ void **tree, void *ctx, uint32_t val_opts, void *diff)'),
    lyd_print_mem: f('int lyd_print_mem(_Out_ void **strp, void *root, int format, uint32_t options)'),
    lyd_free_all: f('void lyd_free_all(void *node)'),
    lyd_free_tree: f('void lyd_free_tree(void *node)'),
    lyd_first_sibling: f('void *lyd_first_sibling(void *node)'),
    lyd_new_path: f('int lyd_new_path(void *parent, void *ctx, const char *path, const char *value, uint32_t options, _Out_ void **node)'),
    lyd_find_xpath: f('int lyd_find_xpath(void *ctx_node, const char *xpath, _Out_ void **set)'),
    ly_set_free: f('void ly_set_free(void *set, void *destructor)'),
    lyd_path: f('void *lyd_path(void *node, int pathtype, void *buffer, size_t buflen)'),
    lyd_dup_single: f('int lyd_dup_single(void *node, void *parent, uint32_t options, _Out_ void **dup)'),
    lyd_dup_siblings: f('int lyd_dup_siblings(void *node, void *parent, uint32_t options, _Out_ void **dup)'),
    lyd_merge_siblings: f('int lyd_merge_siblings(_Inout_ void **target, void *source, uint16_t options)'),
    lyd_diff_siblings: f('int lyd_diff_siblings(void *first, void *second, uint16_t options, _Out_ void **diff)'),
    lyd_diff_apply_all: f('int lyd_diff_apply_all(_Inout_ void **data, void *diff)'),
    lyd_diff_reverse_all: f('int lyd_diff_reverse_all(void *src_diff, _Out_ void **diff)'),
    lyd_any_value_str: f('int lyd_any_value_str(void *any, _Out_ void **value_str)'),
  };
}

export type LibYang = ReturnType<typeof declare>;

let cached: LibYang | undefined;

/** The bound library, loaded on first use; logging switched to store-only so libyang never prints. */
export function libyang(): LibYang {
  if (!cached) {
    const ly = declare();
    ly.ly_log_options(LY_LOSTORE);
    cached = ly;
  }
  return cached;
}

export const LY_LOSTORE = 0x02;
export const LY_SUCCESS = 0;
export const LY_EVALID = 7;
export const LY_ENOT = 11;
export const LY_CTX_DISABLE_SEARCHDIR_CWD = 0x10;

export const LYD_XML = 1;
export const LYD_JSON = 2;
export const LYS_IN_YANG = 1;
export const LYS_IN_YIN = 3;
export const LYS_OUT_YANG = 1;
export const LYS_OUT_TREE = 4;

export const LYD_PARSE_ONLY = 0x010000;
export const LYD_PARSE_STRICT = 0x020000;
export const LYD_PARSE_OPAQ = 0x040000;
export const LYD_PARSE_NO_STATE = 0x080000;
export const LYD_VALIDATE_NO_STATE = 0x0001;
export const LYD_VALIDATE_PRESENT = 0x0002;

export const LYD_TYPE_RPC_YANG = 1;
export const LYD_TYPE_NOTIF_YANG = 2;
export const LYD_TYPE_REPLY_YANG = 3;
export const LYD_TYPE_RPC_NETCONF = 4;
export const LYD_TYPE_NOTIF_NETCONF = 5;
export const LYD_TYPE_REPLY_NETCONF = 6;

export const LYD_PRINT_WITHSIBLINGS = 0x01;
export const LYD_PRINT_SHRINK = 0x02;
export const LYD_PRINT_WD_EXPLICIT = 0x00;
export const LYD_PRINT_WD_TRIM = 0x10;
export const LYD_PRINT_WD_ALL = 0x20;

export const LYD_NEW_PATH_UPDATE = 0x01;
export const LYD_NEW_PATH_OUTPUT = 0x02;
export const LYD_DUP_RECURSIVE = 0x01;
export const LYD_DUP_WITH_PARENTS = 0x04;
export const LYD_DUP_WITH_FLAGS = 0x08;
export const LYD_PATH_STD = 0;
