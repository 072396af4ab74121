/**
 * A second app process for tests/integration/rate-limits.test.ts: takes `count` tokens from one
 * bucket through the app's own limiter and prints how many were allowed.
 * Usage: node --conditions=react-server --import tsx tests/support/take-tokens.ts <limiter> <name> <count>
 */
import { disconnectDb } from "@/server/db/client.ts";
import { TokenBuckets } from "@/server/http/token-bucket.ts";

const [limiter, name, count] = process.argv.slice(2);
// One token a minute: the children may start seconds apart without the bucket refilling meanwhile.
const buckets = new TokenBuckets({ limiter: limiter!, capacity: 10, perMinute: 1 });
let allowed = 0;
for (let i = 0; i < Number(count); i++) if ((await buckets.take(name!)).allowed) allowed++;
await disconnectDb();
console.log(JSON.stringify({ allowed }));
