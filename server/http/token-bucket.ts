import "server-only";

export interface TokenBucketOptions {
  /** Tokens a full bucket holds: the burst allowed after a quiet spell. */
  capacity: number;
  /** Tokens added per minute: the sustained rate. */
  perMinute: number;
  /** For tests. */
  now?: () => number;
}

export type TakeResult =
  | { allowed: true; remaining: number }
  /** `firstDenial`: the first refusal since the last allowed request (worth one audit event). */
  | { allowed: false; retryAfterSeconds: number; firstDenial: boolean };

interface Bucket {
  tokens: number;
  updatedAt: number;
  denied: boolean;
}

/** Buckets kept before idle (full) ones are dropped. */
const PRUNE_AT = 10_000;

/**
 * Token buckets in this process's memory, one per name (an API key id, a client address). Good
 * for one server instance; several instances would each allow the full rate (see docs/partner-api.md).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The configured burst and rate (for documentation). */
  get limits(): { capacity: number; perMinute: number } {
    return { capacity: this.options.capacity, perMinute: this.options.perMinute };
  }

  take(name: string): TakeResult {
    const now = this.now();
    const { capacity } = this.options;
    const perMs = this.options.perMinute / 60_000;
    const bucket = this.buckets.get(name) ?? { tokens: capacity, updatedAt: now, denied: false };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(name, bucket);
    if (this.buckets.size > PRUNE_AT) this.prune(now, perMs);

    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.denied = false;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const firstDenial = !bucket.denied;
    bucket.denied = true;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)), firstDenial };
  }

  /** Forgets every bucket (tests). */
  reset(): void {
    this.buckets.clear();
  }

  private prune(now: number, perMs: number): void {
    for (const [name, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * perMs >= this.options.capacity) this.buckets.delete(name);
    }
  }
}
