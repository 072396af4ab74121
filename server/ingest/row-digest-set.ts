import "server-only";
import { hash } from "node:crypto";

/** Segments the digests are spread over, by their first byte. */
const SEGMENTS = 256;
/** Slots of a fresh segment (each grows by doubling on its own). */
const INITIAL_SLOTS = 1 << 10;
/** 96 bits of digest per slot. */
const WORDS = 3;
const MAX_LOAD = 0.75;

/**
 * The rows an import has already seen, to collapse exact duplicates: the first 96 bits of each
 * row's SHA-1 in open-addressing tables of 32-bit words. They live outside the JS heap, so the
 * garbage collector never walks them (a `Set` of digest strings took ~80 MB of heap per million
 * rows and made every major GC slower as the import went on).
 *
 * 96 bits: among 100 million rows the chance that two different rows share a digest (and one is
 * wrongly counted a duplicate) is about 10^-13. 256 segments, each doubling on its own: a single
 * table doubling at 10 million rows held the old and the new table at once (400 MB of the 650 MB
 * peak measured for a 10,000,000-row worker file); now a growth step costs 1/256 of the set. About
 * 20 bytes per distinct row.
 */
export class RowDigestSet {
  private readonly segments: Uint32Array[] = Array.from({ length: SEGMENTS }, () => new Uint32Array(INITIAL_SLOTS * WORDS));
  private readonly counts = new Uint32Array(SEGMENTS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the digest of `text`; false when an identical text was added before. */
  add(text: string): boolean {
    rowDigestWords(text, scratch, 0);
    return this.addDigest(scratch, 0);
  }

  /** Adds a digest `rowDigestWords` wrote at `words[at…at+3]`; false when it was added before. */
  addDigest(words: Uint32Array, at: number): boolean {
    const a = words[at]!;
    const b = words[at + 1]!;
    const c = words[at + 2]!;
    const segment = words[at + 3]!;
    let table = this.segments[segment]!;
    if (!insert(table, a, b, c)) return false;
    this.count++;
    if (++this.counts[segment]! > (table.length / WORDS) * MAX_LOAD) {
      table = grow(table);
      this.segments[segment] = table;
    }
    return true;
  }
}

const scratch = new Uint32Array(4);

/**
 * The digest of `text` as RowDigestSet keeps it, written to `out[at…at+3]`: 96 bits and the
 * segment they belong to. Computed apart from the set so worker threads can do the hashing.
 */
export function rowDigestWords(text: string, out: Uint32Array, at: number): void {
  // "binary" (latin1): the 20 digest bytes as the char codes of a short string, no Buffer.
  const digest = hash("sha1", text, "binary");
  const a = word(digest, 0);
  const b = word(digest, 4);
  let c = word(digest, 8);
  // All-zero words mark an empty slot; that one digest (p = 2^-96) shares a slot value with 0…01.
  if ((a | b | c) === 0) c = 1;
  out[at] = a;
  out[at + 1] = b;
  out[at + 2] = c;
  out[at + 3] = digest.charCodeAt(19);
}

function insert(words: Uint32Array, a: number, b: number, c: number): boolean {
  const mask = words.length / WORDS - 1;
  for (let slot = a & mask; ; slot = (slot + 1) & mask) {
    const at = slot * WORDS;
    const sa = words[at]!;
    const sb = words[at + 1]!;
    const sc = words[at + 2]!;
    if ((sa | sb | sc) === 0) {
      words[at] = a;
      words[at + 1] = b;
      words[at + 2] = c;
      return true;
    }
    if (sa === a && sb === b && sc === c) return false;
  }
}

function grow(old: Uint32Array): Uint32Array {
  const words = new Uint32Array(old.length * 2);
  for (let at = 0; at < old.length; at += WORDS) {
    const a = old[at]!;
    const b = old[at + 1]!;
    const c = old[at + 2]!;
    if ((a | b | c) !== 0) insert(words, a, b, c);
  }
  return words;
}

function word(bytes: string, at: number): number {
  return (
    (bytes.charCodeAt(at) | (bytes.charCodeAt(at + 1) << 8) | (bytes.charCodeAt(at + 2) << 16) | (bytes.charCodeAt(at + 3) << 24)) >>> 0
  );
}
