/** The body of a create or check: `{"text": "..."}` for the text form, or the intent's JSON form. */
export type IntentBody = { text: string } | Record<string, unknown>;

/** `{"text": ...}` alone is the text form; any other object is the structured JSON form. */
export function intentInputOf(body: IntentBody): string | object {
  const text = (body as { text?: unknown }).text;
  return typeof text === 'string' && Object.keys(body).length === 1 ? text : body;
}
