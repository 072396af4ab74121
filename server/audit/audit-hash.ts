import "server-only";
import { createHash } from "node:crypto";

/** The hash the first event chains to. */
export const GENESIS_HASH = "0".repeat(64);

/** The fields of an event that its hash covers, in the shape both writer and verifier build. */
export interface HashedAuditContent {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  region: string | null;
  outcome: string;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: unknown;
}

/**
 * JSON with object keys sorted at every depth, so the same content always hashes the same
 * whatever order PostgreSQL's jsonb hands the keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** hash = SHA-256(previous hash ‖ canonical content), hex. */
export function auditEventHash(prevHash: string, content: HashedAuditContent): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(content)).digest("hex");
}
