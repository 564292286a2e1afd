const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape text for element content or a double- or single-quoted attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c] ?? c);
}
