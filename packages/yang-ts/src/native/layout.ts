import koffi from 'koffi';
import { libyang, type Ptr } from './libyang';

/**
 * Field offsets of the libyang 2.1 structs we read, for LP64 (x86_64, aarch64). Reading single fields with
 * koffi.decode is cheaper than describing whole structs, and keeps unions (lyd_node_term vs lyd_node_inner) simple.
 */
export const LYD_NODE = { flags: 4, schema: 8, parent: 16, next: 24, prev: 32, meta: 40, child: 56, termCanonical: 56 } as const;
export const LYD_OPAQ = { name: 64, prefix: 72, moduleRef: 80, value: 88, format: 100, attr: 112 } as const;
export const LYD_META = { next: 8, annotation: 16, name: 24, canonical: 32 } as const;
export const LYD_ATTR = { next: 8, name: 16, prefix: 24, moduleRef: 32, value: 40, format: 52 } as const;
export const LYSC_EXT_INSTANCE = { module: 16 } as const;
export const LYSC_NODE = { nodetype: 0, flags: 2, module: 8, parent: 16, next: 24, name: 40 } as const;
/** lysc_module: its covering module, then its top-level data nodes (augments into it compiled in). */
export const LYSC_MODULE = { data: 8 } as const;
export const LYS_MODULE = {
  ctx: 0,
  name: 8,
  revision: 16,
  ns: 24,
  prefix: 32,
  filepath: 40,
  parsed: 80,
  compiled: 88,
  implemented: 120,
} as const;
export const LY_ERR_ITEM = { level: 0, no: 4, vecode: 8, msg: 16, path: 24, apptag: 32, next: 40 } as const;
export const LY_SET = { count: 4, objs: 8 } as const;

/** LY_VALUE_FORMAT: how an opaque node's or attribute's module reference is spelled. */
export const LY_VALUE_XML = 3;

export const LYS_CONTAINER = 0x0001;
export const LYS_CHOICE = 0x0002;
export const LYS_CASE = 0x0080;
export const LYS_LEAF = 0x0004;
export const LYS_LEAFLIST = 0x0008;
export const LYS_LIST = 0x0010;
export const LYS_ANYXML = 0x0020;
export const LYS_ANYDATA = 0x0060;
export const LYS_RPC = 0x0100;
export const LYS_ACTION = 0x0200;
export const LYS_NOTIF = 0x0400;
export const LYS_CONFIG_W = 0x01;
export const LYS_KEY = 0x0100;
export const LYS_FENABLED = 0x20;

/**
 * koffi.decode reads memory only through an External pointer object. We keep one External for a small block
 * of our own, for life, and reach any address as an offset from it; every other pointer stays a number.
 */
let base: { external: unknown; address: number } | undefined;

function at(address: Ptr, offset: number): [unknown, number] {
  if (!base) {
    const external = libyang().malloc(16);
    base = { external, address: Number(koffi.address(external)) };
  }
  return [base.external, address - base.address + offset];
}

function read(address: Ptr, offset: number, type: string): unknown {
  const [external, delta] = at(address, offset);
  return koffi.decode(external, delta, type);
}

export function readPtr(address: Ptr, offset: number): Ptr {
  return read(address, offset, 'uintptr_t') as number;
}

/** Writes a pointer-sized value into memory we own (an out-parameter slot we allocated). */
export function writePtr(address: Ptr, value: Ptr): void {
  const [external, delta] = at(address, 0);
  koffi.encode(external, delta, 'uintptr_t', value);
}

export function readStr(address: Ptr, offset: number): string | undefined {
  return (read(address, offset, 'const char *') as string | null) ?? undefined;
}

export function readU8(address: Ptr, offset: number): number {
  return read(address, offset, 'uint8_t') as number;
}

export function readU16(address: Ptr, offset: number): number {
  return read(address, offset, 'uint16_t') as number;
}

export function readU32(address: Ptr, offset: number): number {
  return read(address, offset, 'uint32_t') as number;
}

export function readI32(address: Ptr, offset: number): number {
  return read(address, offset, 'int') as number;
}

/** Decodes a NUL-terminated string libyang malloc'd for us, then frees it: the owner of the buffer is now us. */
export function takeMallocString(address: Ptr): string {
  if (!address) return '';
  try {
    const [external, delta] = at(address, 0);
    return koffi.decode(external, delta, 'char', -1) as string;
  } finally {
    libyang().free(address);
  }
}
