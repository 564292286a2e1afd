import { useEffect, useState } from 'preact/hooks';
import type { ConsoleStore } from './ConsoleStore';

/** Re-renders the calling view when the part of the store it reads has changed. */
export function useStoreVersion(store: ConsoleStore, part: 'topology' | 'intents' | 'reads'): number {
  const read = () => (part === 'topology' ? store.topologyVersion : part === 'intents' ? store.intentsVersion : store.topologyReads);
  const [version, setVersion] = useState(read);
  useEffect(() => store.subscribe(() => setVersion(read())), [store]);
  return version;
}
