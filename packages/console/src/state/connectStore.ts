import type { ApiClient } from '../api/ApiClient';
import { followEvents } from '../api/followEvents';
import type { Alarm } from '../api/types';
import type { ConsoleStore } from './ConsoleStore';
import { RecordRefresher } from './RecordRefresher';

/**
 * The API has no event for a device's or fibre's state, so the topology is read again this often and only the states
 * that moved are applied; alarms likewise, where the API has them. An alarm event (a fibre cut, a device lost) reads
 * both at once, since that is when they move.
 */
export const TOPOLOGY_POLL_MS = 3000;

/** Loads the store once, then keeps it current: transitions from the event stream, device and fibre state by polling. */
export function connectStore(
  api: ApiClient,
  store: ConsoleStore,
  on: { onLink: (linked: boolean) => void; onAlarms: (alarms: Alarm[] | undefined) => void },
): () => void {
  let stopped = false;
  let follower: { stop(): void } | undefined;
  const refresher = new RecordRefresher(api.intent, (record) => store.upsertIntent(record));
  (async () => {
    store.loadTopology(await api.topology());
    store.loadIntents(await api.intents());
    if (stopped) return;
    follower = followEvents(
      api,
      store.lastSeq,
      (transition) => {
        if (store.applyTransition(transition)) refresher.request(transition.intent);
      },
      on.onLink,
      () => void readLive(),
    );
  })().catch(() => on.onLink(false));
  // Alarms are read again only where the first reading found the route.
  let alarmsRoute = false;
  const readAlarms = () =>
    api.alarms().then(
      (alarms) => {
        alarmsRoute = alarms !== undefined;
        on.onAlarms(alarms);
      },
      () => on.onAlarms(undefined),
    );
  // One reading at a time: alarm events arriving in a burst (a cut seen from both ends) share the reading in flight.
  let reading: Promise<void> | undefined;
  const readLive = (): Promise<void> => {
    reading ??= (async () => {
      if (store.sites.size === 0) return;
      try {
        store.applyTopologyStates(await api.topology());
      } catch {
        on.onLink(false);
      }
      if (alarmsRoute) await readAlarms();
    })().finally(() => {
      reading = undefined;
    });
    return reading;
  };
  const poll = setInterval(() => void readLive(), TOPOLOGY_POLL_MS);
  void readAlarms();
  return () => {
    stopped = true;
    refresher.stop();
    clearInterval(poll);
    follower?.stop();
  };
}
