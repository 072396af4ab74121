import "server-only";
import { db, Prisma, type Db } from "@/server/db/client.ts";

export interface TokenBucketOptions {
  /** Names this limiter's rows in `rate_limit_bucket` (one limiter, one name). */
  limiter: string;
  /** Tokens a full bucket holds: the burst allowed after a quiet spell. */
  capacity: number;
  /** Tokens added per minute: the sustained rate. */
  perMinute: number;
}

export type TakeResult =
  | { allowed: true; remaining: number }
  /** `firstDenial`: the first refusal since the last allowed request (worth one audit event). */
  | { allowed: false; retryAfterSeconds: number; firstDenial: boolean };

/** Idle buckets are deleted at most this often per process; a deleted bucket is a full one. */
const PRUNE_INTERVAL_MS = 10 * 60_000;

/**
 * Token buckets in PostgreSQL, one per name (an API key id, a client address), so every app
 * instance draws from the same bucket: in process memory, two instances would each allow the
 * full rate. A request costs one statement, which refills the bucket from the time since its
 * last use, takes a token when there is one and counts refusals in a row — all under the row's
 * lock, so concurrent requests (from any instance) never both take the last token. Time is the
 * database's, the one clock all instances share.
 */
export class TokenBuckets {
  private prunedAt = 0;

  constructor(private readonly options: TokenBucketOptions) {}

  /** The configured burst and rate (for documentation). */
  get limits(): { capacity: number; perMinute: number } {
    return { capacity: this.options.capacity, perMinute: this.options.perMinute };
  }

  /** `client`: another connection than the app's (tests playing a second instance). */
  async take(name: string, client: Pick<Db, "$queryRaw" | "$executeRaw"> = db): Promise<TakeResult> {
    const { limiter, capacity, perMinute } = this.options;
    const perSecond = perMinute / 60;
    // Refilled tokens: what was left plus the rate × seconds since (never negative: a statement
    // that waited for the row lock may have started before the last update).
    const refilled = Prisma.sql`LEAST(${capacity}::float8, b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM statement_timestamp() - b."updated_at")) * ${perSecond}::float8)`;
    const rows = await client.$queryRaw<{ tokens: number; denials: number }[]>`
      INSERT INTO "rate_limit_bucket" AS b ("limiter", "key", "tokens", "denials", "updated_at")
      VALUES (${limiter}, ${name}, ${capacity - 1}::float8, 0, statement_timestamp())
      ON CONFLICT ("limiter", "key") DO UPDATE SET
        "tokens" = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
        "denials" = CASE WHEN ${refilled} >= 1 THEN 0 ELSE b."denials" + 1 END,
        "updated_at" = statement_timestamp()
      RETURNING "tokens", "denials"`;
    const row = rows[0]!;
    await this.pruneIdle(client);
    if (row.denials === 0) return { allowed: true, remaining: Math.floor(row.tokens) };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / perSecond)), firstDenial: row.denials === 1 };
  }

  /** Deletes buckets idle long enough to be full again: forgetting them changes nothing. */
  private async pruneIdle(client: Pick<Db, "$executeRaw">): Promise<void> {
    const now = Date.now();
    if (now - this.prunedAt < PRUNE_INTERVAL_MS) return;
    this.prunedAt = now;
    const refillSeconds = (this.options.capacity / this.options.perMinute) * 60;
    await client.$executeRaw`
      DELETE FROM "rate_limit_bucket"
      WHERE "limiter" = ${this.options.limiter} AND "updated_at" < statement_timestamp() - make_interval(secs => ${refillSeconds}::float8)`;
  }
}
