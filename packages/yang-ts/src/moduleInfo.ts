import type { YangModuleInfo } from './types';
import { libyang, type Ptr } from './native/libyang';
import { LYS_FENABLED, LYS_MODULE, readPtr, readStr, readU16, readU8 } from './native/layout';

/** lysp_feature.flags: name, iffeatures, iffeatures_c, depfeatures, dsc, ref, exts precede it (7 pointers). */
const LYSP_FEATURE_FLAGS = 56;

export function moduleInfo(mod: Ptr): YangModuleInfo {
  const info: YangModuleInfo = {
    name: readStr(mod, LYS_MODULE.name) ?? '',
    namespace: readStr(mod, LYS_MODULE.ns) ?? '',
    prefix: readStr(mod, LYS_MODULE.prefix) ?? '',
    implemented: readU8(mod, LYS_MODULE.implemented) !== 0,
    features: enabledFeatures(mod),
  };
  const revision = readStr(mod, LYS_MODULE.revision);
  if (revision) info.revision = revision;
  return info;
}

function enabledFeatures(mod: Ptr): string[] {
  const parsed = readPtr(mod, LYS_MODULE.parsed);
  if (!parsed) return [];
  const ly = libyang();
  const idx = [0];
  const out: string[] = [];
  for (let f = ly.lysp_feature_next(0, parsed, idx); f; f = ly.lysp_feature_next(f, parsed, idx)) {
    if (readU16(f, LYSP_FEATURE_FLAGS) & LYS_FENABLED) out.push(readStr(f, 0) ?? '');
  }
  return out;
}
