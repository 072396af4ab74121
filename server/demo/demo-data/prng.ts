import "server-only";

/**
 * Seeded pseudo-random numbers for the demo data. Every business, person and noise decision
 * draws from its own stream keyed by (seed, stream, index), so a record can be regenerated on
 * its own (a branch re-derives its head office, a shared name re-derives the name it copies)
 * and the output is byte-identical for a given seed whatever the file sizes.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting, 128-bit state), seeded through
 * a murmur3-style mix; fast in JS (32-bit integer ops only) and passes PractRand to 2^42 bytes.
 */

/** Stream ids: one per kind of draw, so adding draws to one never shifts another. */
export const STREAM = {
  core: 1,
  details: 2,
  kemnaker: 3,
  ahu: 4,
  bpjs: 5,
  person: 6,
  notary: 7,
  peserta: 8,
  file: 9,
  shuffle: 10,
  benchmark: 11,
  officers: 12,
  workers: 13,
  /** The noise kinds added later (legal-form and short-word typos, crowds): drawn apart so earlier draws stay put. */
  slips: 14,
} as const;

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a few integers (seed, stream, index …). */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    // Split so indexes beyond 2^32 still change the hash.
    const low = value >>> 0;
    const high = Math.floor(value / 4294967296) >>> 0;
    h = mix32((h ^ low) + 0x7f4a7c15);
    h = mix32((h ^ high) + 0x165667b1);
  }
  return h;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...key: number[]) {
    const h = hashInts(...key);
    this.a = mix32(h ^ 0x6a09e667);
    this.b = mix32((h + 0xbb67ae85) | 0);
    this.c = mix32(h ^ 0x3c6ef372 ^ 0x5bd1e995);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability > 0 && this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** A string of `length` random decimal digits. */
  digits(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += String.fromCharCode(48 + Math.floor(this.float() * 10));
    return out;
  }

  /** Normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const swap = items[i] as T;
      items[i] = items[j] as T;
      items[j] = swap;
    }
    return items;
  }
}

/** A weighted choice, prepared once: `pick` is a binary search over cumulative weights. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, weight]) => weight > 0);
    if (kept.length === 0) throw new RangeError("a weighted choice needs a positive weight");
    this.items = kept.map(([item]) => item);
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, weight], i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Rng): T {
    const target = rng.float() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return this.items[low] as T;
  }
}

/**
 * A keyed bijection of [0, modulus): a 4-round Feistel network over the smallest even number of
 * bits that covers the modulus, with cycle-walking back into range. Gives every business a
 * distinct, random-looking serial (NPWP, NIB, partner codes) without remembering the ones handed
 * out. Moduli up to 2^52; a power of 4 needs no cycle-walking (the fast case).
 */
export class Permutation {
  private readonly halfSize: number;

  constructor(
    readonly modulus: number,
    private readonly key: number,
  ) {
    let bits = Math.max(2, Math.ceil(Math.log2(modulus)));
    if (bits % 2 === 1) bits++;
    this.halfSize = 2 ** (bits / 2);
  }

  apply(index: number): number {
    if (!(index >= 0 && index < this.modulus) || !Number.isSafeInteger(index)) {
      throw new RangeError(`index ${index} outside [0, ${this.modulus})`);
    }
    const halfSize = this.halfSize;
    let x = index;
    do {
      let left = Math.floor(x / halfSize);
      let right = x % halfSize;
      for (let round = 0; round < 4; round++) {
        const f = mix32((this.key ^ Math.imul(right + 1, 0x9e3779b1)) + Math.imul(round + 1, 0x7f4a7c15)) % halfSize;
        const next = (left + f) % halfSize;
        left = right;
        right = next;
      }
      x = left * halfSize + right;
    } while (x >= this.modulus);
    return x;
  }
}

/** "0000" … "9999": zero-padded small numbers are written millions of times. */
const PADDED = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, "0"));

/** `value` zero-padded to `width` digits. */
export function pad(value: number, width: number): string {
  if (value >= 0 && value < 10_000 && width <= 4 && Number.isInteger(value)) {
    const text = PADDED[value]!;
    const digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
    return text.slice(4 - Math.max(width, digits));
  }
  return String(value).padStart(width, "0");
}
