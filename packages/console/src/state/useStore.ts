import { useEffect, useState } from 'preact/hooks';
import type { ConsoleStore } from './ConsoleStore';

/** Re-renders the calling view when the part of the store it reads has changed, at most once per animation frame. */
export function useStoreVersion(store: ConsoleStore, part: 'topology' | 'intents' | 'reads'): number {
  const read = () => (part === 'topology' ? store.topologyVersion : part === 'intents' ? store.intentsVersion : store.topologyReads);
  const [version, setVersion] = useState(read);
  useEffect(() => {
    // Many transitions can arrive within one frame: the view draws at most once a frame, with the latest state.
    let frame = 0;
    const unsubscribe = store.subscribe(() => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          setVersion(read());
        });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);
  return version;
}
