import { YangContext } from '@milli/yang-ts';
import { LabDeviceError } from '../LabDeviceError';

interface Entry {
  context: YangContext;
  users: number;
}

const contexts = new Map<string, Entry>();

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
    const context = new YangContext({ searchDirs: [yangDir] });
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
