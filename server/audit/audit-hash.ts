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
  if (typeof value === "object") return `{${canonicalMembers(value as Record<string, unknown>).map(([, text]) => text).join(",")}}`;
  return JSON.stringify(value);
}

/** An object's members as canonicalJson writes them, in its order: [key, `"key":value`]. */
function canonicalMembers(value: Record<string, unknown>): [string, string][] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, `${JSON.stringify(k)}:${canonicalJson(v)}`]);
}

/**
 * canonicalJson(content) cut where the id's digits go: `before + id + after` is exactly it. The
 * database appends the event (audit_append) and only there is its id known, after the chain's
 * lock; it hashes prevHash ‖ before ‖ id ‖ after, which is auditEventHash's input.
 */
export function canonicalJsonAroundId(content: Omit<HashedAuditContent, "id">): { before: string; after: string } {
  // JSON.stringify escapes every control character, so a raw NUL marks the one cut.
  const members = canonicalMembers({ ...content, id: "" }).map(([key, text]) => (key === "id" ? `"id":"\0"` : text));
  const [before, after] = `{${members.join(",")}}`.split("\0");
  return { before: before!, after: after! };
}

/** hash = SHA-256(previous hash ‖ canonical content), hex. */
export function auditEventHash(prevHash: string, content: HashedAuditContent): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(content)).digest("hex");
}
