import type { IntentRecord } from '../api/types';

/** Intent records read at once at most: a burst of transitions must not become a burst of requests (the API answers 429). */
const MAX_IN_FLIGHT = 4;
const RETRY_MS = 1000;

/**
 * Reads intent records again when transitions say they changed, each intent once however many of its transitions
 * arrive while it waits, a few at a time; an intent asked for again while it is being read is read once more after.
 * A failed read is tried again a second later.
 */
export class RecordRefresher {
  private readonly waiting = new Set<string>();
  private readonly reading = new Set<string>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly read: (id: string) => Promise<IntentRecord>,
    private readonly apply: (record: IntentRecord) => void,
  ) {}

  request(id: string): void {
    if (this.reading.has(id)) this.again.add(id);
    else this.waiting.add(id);
    this.pump();
  }

  stop(): void {
    this.stopped = true;
  }

  private pump(): void {
    while (!this.stopped && this.reading.size < MAX_IN_FLIGHT && this.waiting.size > 0) {
      const id = this.waiting.values().next().value as string;
      this.waiting.delete(id);
      this.reading.add(id);
      this.read(id).then(
        (record) => {
          this.done(id);
          if (!this.stopped) this.apply(record);
        },
        () => {
          this.done(id);
          setTimeout(() => this.request(id), RETRY_MS);
        },
      );
    }
  }

  private done(id: string): void {
    this.reading.delete(id);
    if (this.again.delete(id)) this.waiting.add(id);
    this.pump();
  }
}
