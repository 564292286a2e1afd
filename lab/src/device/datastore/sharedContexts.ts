import { existsSync } from 'node:fs';
import { YangContext } from '@milli/yang-ts';
import { LabDeviceError } from '../LabDeviceError';

interface Entry {
  context: YangContext;
  users: number;
}

const contexts = new Map<string, Entry>();

/**
 * Debian's libyuma-base keeps RFC 5277's `notifications` module (create-subscription in YANG) among its IETF-derived
 * modules, and the extensions it imports (yuma-ncx) among netconfcentral's; the device loads them from there.
 */
const SERVER_MODULE_DIRS = ['/usr/share/yuma/modules/ietf-derived', '/usr/share/yuma/modules/netconfcentral'];

/**
 * Devices of the same kind in one process share a libyang context (the schema is read-only once loaded and each
 * device's trees are its own), which keeps many devices per process cheap. Released contexts are freed when the
 * last device using them closes.
 */
export interface ModuleRequest {
  name: string;
  /** Features to enable; all when absent. */
  features?: string[];
}

export function acquireContext(yangDir: string, modules: ModuleRequest[]): { context: YangContext; release: () => void } {
  const key = `${yangDir}\n${JSON.stringify(modules)}`;
  let entry = contexts.get(key);
  if (entry === undefined) {
    const context = new YangContext({ searchDirs: [yangDir, ...SERVER_MODULE_DIRS.filter((dir) => existsSync(dir))] });
    try {
      for (const m of modules) context.loadModule(m.name, m.features ? { features: m.features } : {});
    } catch (err) {
      context.dispose();
      throw new LabDeviceError(
        'LAB_START',
        `YANG modules ${modules.join(', ')} from ${yangDir} do not load: ${(err as Error).message}`,
        {
          yangDir,
          modules,
        },
        { cause: err },
      );
    }
    entry = { context, users: 0 };
    contexts.set(key, entry);
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    context: held.context,
    release: () => {
      if (released) return;
      released = true;
      held.users--;
      if (held.users === 0) {
        contexts.delete(key);
        held.context.dispose();
      }
    },
  };
}
