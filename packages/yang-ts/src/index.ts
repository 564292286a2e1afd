export { YangContext } from './YangContext';
export { DataTree, type DataFormat, type ValidationMode, type PrintOptions, type NewPathOptions } from './DataTree';
export type { DataNode, DataNodeKind, DataNodeMetadata } from './DataNode';
export { YangError, isYangError, type YangErrorRecord } from './YangError';
export type {
  YangModuleInfo,
  YangContextOptions,
  LoadModuleOptions,
  ParseMode,
  ParseDataOptions,
  OperationKind,
  ParseOperationOptions,
} from './types';
export { SYSTEM_YANG_DIRS, systemYangDirs } from './systemYangDirs';
export { parseLocation } from './native/errorRecords';
