import koffi from 'koffi';
import { MilliError } from '@milli/core';

/**
 * The libyang 2 C API as koffi functions. Pointers cross as plain numbers (uintptr_t), never as koffi
 * External objects: koffi 2.16 leaks memory for every pointer it decodes into an External (measured: ~180 bytes
 * per koffi.decode(..., 'void *')), and numbers are cheaper to compare and keep. Struct fields are read at
 * fixed offsets in layout.ts. `char **` results come back as addresses, are decoded, then freed with libc's
 * free (a koffi `char **` out-string would leak the malloc'd buffer).
 */
/** A native address as a number (0 is NULL). x86_64/aarch64 user addresses fit in 2^53. */
export type Ptr = number;

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
    free: libc.func('void free(uintptr_t ptr)'),
    malloc: libc.func('void *malloc(size_t size)'),
    calloc: libc.func('uintptr_t calloc(size_t count, size_t size)'),
    ly_log_options: f('uint32_t ly_log_options(uint32_t opts)'),
    ly_ctx_new: f('int ly_ctx_new(const char *search_dir, uint16_t options, _Out_ uintptr_t *ctx)'),
    ly_ctx_destroy: f('void ly_ctx_destroy(uintptr_t ctx)'),
    ly_ctx_set_searchdir: f('int ly_ctx_set_searchdir(uintptr_t ctx, const char *dir)'),
    ly_ctx_load_module: f('uintptr_t ly_ctx_load_module(uintptr_t ctx, const char *name, const char *revision, const char **features)'),
    ly_ctx_get_module_iter: f('uintptr_t ly_ctx_get_module_iter(uintptr_t ctx, _Inout_ uint32_t *index)'),
    ly_ctx_get_module: f('uintptr_t ly_ctx_get_module(uintptr_t ctx, const char *name, const char *revision)'),
    ly_ctx_get_module_implemented: f('uintptr_t ly_ctx_get_module_implemented(uintptr_t ctx, const char *name)'),
    ly_ctx_get_module_latest: f('uintptr_t ly_ctx_get_module_latest(uintptr_t ctx, const char *name)'),
    ly_ctx_get_change_count: f('uint16_t ly_ctx_get_change_count(uintptr_t ctx)'),
    ly_ctx_get_yanglib_data: f('int ly_ctx_get_yanglib_data(uintptr_t ctx, _Out_ uintptr_t *root, const char *content_id_format, ...)'),
    ly_err_first: f('uintptr_t ly_err_first(uintptr_t ctx)'),
    ly_err_clean: f('void ly_err_clean(uintptr_t ctx, uintptr_t eitem)'),
    lys_parse: f('int lys_parse(uintptr_t ctx, uintptr_t in, int format, const char **features, _Out_ uintptr_t *module)'),
    ly_in_new_filepath: f('int ly_in_new_filepath(const char *filepath, size_t len, _Out_ uintptr_t *in)'),
    ly_ctx_get_module_latest_ns: f('uintptr_t ly_ctx_get_module_latest_ns(uintptr_t ctx, const char *ns)'),
    lys_set_implemented: f('int lys_set_implemented(uintptr_t module, const char **features)'),
    lys_feature_value: f('int lys_feature_value(uintptr_t module, const char *feature)'),
    lysp_feature_next: f('uintptr_t lysp_feature_next(uintptr_t last, uintptr_t pmod, _Inout_ uint32_t *idx)'),
    lys_print_mem: f('int lys_print_mem(_Out_ uintptr_t *strp, uintptr_t module, int format, uint32_t options)'),
    lyd_parse_data_mem: f(
      'int lyd_parse_data_mem(uintptr_t ctx, const char *data, int format, uint32_t parse_options, uint32_t validate_options, _Out_ uintptr_t *tree)',
    ),
    // The input handle keeps the pointer: pass a NUL-terminated Buffer that outlives the handle, not a JS string.
    ly_in_new_memory: f('int ly_in_new_memory(void *str, _Out_ uintptr_t *in)'),
    ly_in_free: f('void ly_in_free(uintptr_t in, uint8_t destroy)'),
    lyd_parse_op: f(
      'int lyd_parse_op(uintptr_t ctx, uintptr_t parent, uintptr_t in, int format, int data_type, _Out_ uintptr_t *tree, _Out_ uintptr_t *op)',
    ),
    lyd_validate_op: f('int lyd_validate_op(uintptr_t op_tree, uintptr_t dep_tree, int data_type, uintptr_t diff)'),
    lysc_node_child: f('uintptr_t lysc_node_child(uintptr_t node)'),
    lysc_node_when: f('uintptr_t lysc_node_when(uintptr_t node)'),
    lyd_validate_module: f('int lyd_validate_module(_Inout_ uintptr_t *tree, uintptr_t module, uint32_t val_opts, uintptr_t diff)'),
    lyd_validate_all: f('int lyd_validate_all(_Inout_ uintptr_t *tree, uintptr_t ctx, uint32_t val_opts, uintptr_t diff)'),
    lyd_print_mem: f('int lyd_print_mem(_Out_ uintptr_t *strp, uintptr_t root, int format, uint32_t options)'),
    lyd_free_all: f('void lyd_free_all(uintptr_t node)'),
    lyd_free_tree: f('void lyd_free_tree(uintptr_t node)'),
    lyd_first_sibling: f('uintptr_t lyd_first_sibling(uintptr_t node)'),
    lyd_new_path: f(
      'int lyd_new_path(uintptr_t parent, uintptr_t ctx, const char *path, const char *value, uint32_t options, _Out_ uintptr_t *node)',
    ),
    lyd_find_xpath: f('int lyd_find_xpath(uintptr_t ctx_node, const char *xpath, _Out_ uintptr_t *set)'),
    lyd_find_path: f('int lyd_find_path(uintptr_t ctx_node, const char *path, uint8_t output, _Out_ uintptr_t *match)'),
    ly_set_free: f('void ly_set_free(uintptr_t set, uintptr_t destructor)'),
    lyd_path: f('uintptr_t lyd_path(uintptr_t node, int pathtype, uintptr_t buffer, size_t buflen)'),
    lyd_dup_single: f('int lyd_dup_single(uintptr_t node, uintptr_t parent, uint32_t options, _Out_ uintptr_t *dup)'),
    lyd_dup_siblings: f('int lyd_dup_siblings(uintptr_t node, uintptr_t parent, uint32_t options, _Out_ uintptr_t *dup)'),
    lyd_merge_siblings: f('int lyd_merge_siblings(_Inout_ uintptr_t *target, uintptr_t source, uint16_t options)'),
    lyd_diff_siblings: f('int lyd_diff_siblings(uintptr_t first, uintptr_t second, uint16_t options, _Out_ uintptr_t *diff)'),
    lyd_diff_apply_all: f('int lyd_diff_apply_all(_Inout_ uintptr_t *data, uintptr_t diff)'),
    lyd_diff_reverse_all: f('int lyd_diff_reverse_all(uintptr_t src_diff, _Out_ uintptr_t *diff)'),
    lyd_any_value_str: f('int lyd_any_value_str(uintptr_t any, _Out_ uintptr_t *value_str)'),
    /** A term's canonical string, computed on demand for types that store it lazily (date-and-time among them). */
    lyd_value_get_canonical: f('const char *lyd_value_get_canonical(uintptr_t ctx, uintptr_t value)'),
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
/** Links compiled schema nodes to their parsed ones; the tree printer needs it to print the expanded (compiled) tree. */
export const LY_CTX_SET_PRIV_PARSED = 0x40;

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
