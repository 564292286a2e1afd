import type { IntentRecord, OccurrenceRecord } from '@milli/controller';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryController } from './support/InMemoryController';
import { startTestApi, type TestApi, waitForState } from './support/startTestApi';

const HOUR = 3_600_000;
const NIGHTS: OccurrenceRecord[] = [
  { start: Date.parse('2026-12-07T20:00:00Z'), end: Date.parse('2026-12-07T20:00:00Z') + 10 * HOUR, outcome: 'served' },
  { start: Date.parse('2026-12-08T20:00:00Z'), end: Date.parse('2026-12-08T20:00:00Z') + 10 * HOUR, outcome: 'missed' },
  { start: Date.parse('2026-12-09T20:00:00Z'), end: Date.parse('2026-12-09T20:00:00Z') + 10 * HOUR, outcome: 'coming' },
];

/** The in-memory controller, as the controller answers for a connection on a calendar (its occurrences). */
class CalendarController extends InMemoryController {
  override async get(id: string): Promise<IntentRecord | undefined> {
    const record = await super.get(id);
    return record && { ...record, occurrences: NIGHTS };
  }
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ controller: new CalendarController() });
});
afterAll(async () => {
  await api.close();
});

describe('GET /v1/intents/{id} for a connection on a calendar', () => {
  it('lists its past and coming occurrences with their outcome, described in the OpenAPI document', async () => {
    const response = await api.request('/v1/intents', { method: 'POST', json: { text: 'connect park P-7 to DC dc-north with 100Mbps' } });
    const { id } = (await response.json()) as { id: string };
    await waitForState(api, id, ['active']);
    const read = await api.request(`/v1/intents/${id}`);
    expect(read.status).toBe(200);
    const body = (await read.json()) as { occurrences: OccurrenceRecord[] };
    expect(body.occurrences).toEqual(NIGHTS);
    // The OpenAPI document describes them (its IntentRecord schema names each outcome).
    const doc = JSON.stringify(api.openApi.doc);
    expect(doc).toContain('"occurrences"');
    expect(doc).toMatch(/"enum":\["served","missed","running","coming","cancelled","unreserved"\]/);
  });
});
