import "server-only";
import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level and no whitespace: the same data always gives the
 * same text, whatever key order or spacing the partner's client used. Its SHA-256 identifies an
 * API delivery the way a file's bytes identify a file (`import_batch.file_sha256`).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}
