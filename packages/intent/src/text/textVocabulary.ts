import type { ProtectionKind } from '@milli/pce';
import type { EndpointRole } from '../document';

/** The words the text grammar starts an intent with, and the words that name roles and protection kinds. */
export const STARTERS = ['connect', 'move', 'scale', 'release'];
/** The Chinese verbs (mapped onto STARTERS by the Chinese tokenizer), for "did you mean" on a Chinese first word. */
export const CHINESE_STARTERS = ['连接', '开通', '迁移', '传送', '扩容', '缩容', '调整', '释放', '拆除'];
export const ROLE_WORDS: Record<string, EndpointRole> = { park: 'park', access: 'access', ap: 'access', dc: 'dc' };
export const PROTECTION_WORDS: Record<string, ProtectionKind> = { srlg: 'srlg', link: 'link', node: 'node' };
