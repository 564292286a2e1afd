import { useEffect, useState } from 'preact/hooks';
import type { ConsoleStore } from './ConsoleStore';

/** Re-renders the calling view when the part of the store it reads has changed. */
export function useStoreVersion(store: ConsoleStore, part: 'topology' | 'intents'): number {
  const read = () => (part === 'topology' ? store.topologyVersion : store.intentsVersion);
  const [version, setVersion] = useState(read);
  useEffect(() => store.subscribe(() => setVersion(read())), [store]);
  return version;
}
