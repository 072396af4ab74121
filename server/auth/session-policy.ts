import "server-only";
import { config } from "@/server/config.ts";

const minutes = (n: number) => n * 60_000;

/** Session lifetime rules: 30 minutes idle, 8 hours absolute. */
export const SESSION_IDLE_MS = minutes(config().JANGKAU_SESSION_IDLE_MINUTES);
export const SESSION_ABSOLUTE_MS = minutes(config().JANGKAU_SESSION_MAX_MINUTES);
/** Failed sign-ins that lock an account, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = minutes(15);
/** lastSeenAt is written at most this often, so browsing does not write on every request. */
export const LAST_SEEN_WRITE_INTERVAL_MS = minutes(1);
