const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const SPECIAL = /[&<>"']/;

/** Escape text for element content or a double- or single-quoted attribute value. */
export function escapeXml(text: string): string {
  // Most NETCONF text (names, numbers) has nothing to escape: skip the replace.
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c] ?? c);
}
