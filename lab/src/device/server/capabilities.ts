import { Capabilities } from '@milli/netconf-client';
import type { YangModuleInfo } from '@milli/yang-ts';
import type { DeviceProfile } from '../model/deviceProfile';
import { moduleSetId } from '../datastore/yangLibrary';

/**
 * The hello capabilities: both bases, the datastore capabilities the profile allows (candidate, confirmed-commit
 * 1.0/1.1 and validate, or writable-running on a running-only model), rollback-on-error, startup, xpath,
 * notifications with interleave, yang-library with a module-set id, and one URI per implemented module.
 */
export function deviceCapabilities(profile: DeviceProfile, modules: YangModuleInfo[]): string[] {
  const caps: string[] = [Capabilities.base10, Capabilities.base11];
  if (profile.hasCandidate) caps.push(Capabilities.candidate, Capabilities.confirmedCommit, Capabilities.confirmedCommit11);
  else caps.push(Capabilities.writableRunning);
  caps.push(
    Capabilities.rollbackOnError,
    Capabilities.validate,
    Capabilities.validate11,
    Capabilities.startup,
    Capabilities.xpath,
    Capabilities.notification,
    Capabilities.interleave,
  );
  const implemented = modules.filter((m) => m.implemented);
  caps.push(`${Capabilities.yangLibrary}?revision=2019-01-04&module-set-id=${moduleSetId(modules)}`);
  for (const m of implemented) {
    const features = m.features.length > 0 ? `&features=${m.features.join(',')}` : '';
    caps.push(`${m.namespace}?module=${m.name}${m.revision ? `&revision=${m.revision}` : ''}${features}`);
  }
  return caps;
}
