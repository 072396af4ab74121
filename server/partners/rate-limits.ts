import "server-only";
import { config } from "@/server/config.ts";
import { TokenBuckets } from "@/server/http/token-bucket.ts";

/**
 * Request rates of the partner web service, shared by every app instance (the buckets live in
 * PostgreSQL: server/http/token-bucket.ts).
 *
 * Per key: 30 requests a minute sustained, bursts of 10. A partner sends a semester's data in
 * batches of up to 10,000 records; at 30 calls a minute a million records take under 4 minutes,
 * while a runaway client cannot keep the server busy importing. `JANGKAU_API_RATE_PER_MINUTE`
 * and `JANGKAU_API_RATE_BURST` change it (read at start).
 *
 * Per client address, for requests without a valid key: 10 a minute, bursts of 20 — a caller
 * with no key has nothing to do but fail, and each failure costs an audit event.
 */
export const partnerKeyBuckets = new TokenBuckets({
  limiter: "partner_key",
  capacity: config().JANGKAU_API_RATE_BURST,
  perMinute: config().JANGKAU_API_RATE_PER_MINUTE,
});

export const failedAuthBuckets = new TokenBuckets({ limiter: "partner_failed_auth", capacity: 20, perMinute: 10 });
