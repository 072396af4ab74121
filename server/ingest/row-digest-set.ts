import "server-only";
import { hash } from "node:crypto";

/** Slots of a fresh table (grows by doubling). */
const INITIAL_SLOTS = 1 << 16;
/** 128 bits of digest per slot. */
const WORDS = 4;

/**
 * The rows an import has already seen, to collapse exact duplicates: the first 128 bits of each
 * row's SHA-1 in an open-addressing table of 32-bit words. It lives outside the JS heap, so a
 * million rows cost 32 MB the garbage collector never walks (a `Set` of digest strings took
 * ~80 MB of heap and made every major GC slower as the import went on).
 */
export class RowDigestSet {
  private words = new Uint32Array(INITIAL_SLOTS * WORDS);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the digest of `text`; false when an identical text was added before. */
  add(text: string): boolean {
    // "binary" (latin1): the 20 digest bytes as the char codes of a short string, no Buffer.
    const digest = hash("sha1", text, "binary");
    const a = word(digest, 0);
    const b = word(digest, 4);
    const c = word(digest, 8);
    let d = word(digest, 12);
    // All-zero words mark an empty slot; that one digest (p = 2^-128) shares a slot value with 0…01.
    if ((a | b | c | d) === 0) d = 1;
    if (!this.insert(a, b, c, d)) return false;
    if (++this.count > (this.mask + 1) * 0.75) this.grow();
    return true;
  }

  private insert(a: number, b: number, c: number, d: number): boolean {
    const words = this.words;
    const mask = this.mask;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const at = slot * WORDS;
      const sa = words[at]!;
      const sb = words[at + 1]!;
      const sc = words[at + 2]!;
      const sd = words[at + 3]!;
      if ((sa | sb | sc | sd) === 0) {
        words[at] = a;
        words[at + 1] = b;
        words[at + 2] = c;
        words[at + 3] = d;
        return true;
      }
      if (sa === a && sb === b && sc === c && sd === d) return false;
    }
  }

  private grow(): void {
    const old = this.words;
    this.words = new Uint32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += WORDS) {
      const a = old[at]!;
      const b = old[at + 1]!;
      const c = old[at + 2]!;
      const d = old[at + 3]!;
      if ((a | b | c | d) !== 0) this.insert(a, b, c, d);
    }
  }
}

function word(bytes: string, at: number): number {
  return (
    (bytes.charCodeAt(at) | (bytes.charCodeAt(at + 1) << 8) | (bytes.charCodeAt(at + 2) << 16) | (bytes.charCodeAt(at + 3) << 24)) >>> 0
  );
}
