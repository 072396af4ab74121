const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A copy of `text` that does not keep alive the string it was cut from. V8 represents a
 * substring of 13+ characters as a view into its parent, so a cache that keeps such a cell
 * pins the whole 64 KB chunk of the import file it came from — a million-row import then
 * holds most of the file in memory. Call it only when storing into a long-lived cache.
 */
export function detachedString(text: string): string {
  return text.length < 13 ? text : decoder.decode(encoder.encode(text));
}
