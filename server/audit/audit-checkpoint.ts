import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { config } from "@/server/config.ts";
import { dataDir } from "@/server/db/database.ts";
import { db } from "@/server/db/client.ts";
import { readOrCreateLocalSecret } from "@/server/startup/local-secrets.ts";

/**
 * The audit chain's head, anchored outside the database. Each checkpoint is one JSON line
 * `{seq, hash, at, hmac}` appended to a file (by default `$JANGKAU_DATA_DIR/audit-checkpoints.jsonl`),
 * authenticated with an HMAC key the database never holds. Someone able to rewrite or cut the
 * tail of `audit_event` (the owner, a superuser) can recompute the hash chain, but cannot forge a
 * checkpoint, so `verify` notices events missing after, or changed at, a checkpointed position.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  hmac: string;
}

export interface CheckpointFile {
  checkpoints: AuditCheckpoint[];
  /** 1-based line numbers whose HMAC does not match (or that are not checkpoints at all). */
  badLines: number[];
}

const KEY_NAME = "audit-key";

export function auditCheckpointFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ config().JANGKAU_AUDIT_CHECKPOINT_FILE || path.join(/*turbopackIgnore: true*/ dataDir(), "audit-checkpoints.jsonl"));
}

/**
 * `JANGKAU_AUDIT_KEY`, or one generated once into the data folder. `create: false` (verifying)
 * never makes a new key: checking old checkpoints against a fresh key would only cry wolf.
 */
function auditKey(create: boolean): Buffer | null {
  const fromEnv = config().JANGKAU_AUDIT_KEY;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("JANGKAU_AUDIT_KEY terlalu pendek: minimal 32 karakter (mis. `openssl rand -base64 32`).");
    return Buffer.from(fromEnv, "utf8");
  }
  const file = path.join(/*turbopackIgnore: true*/ dataDir(), KEY_NAME);
  if (!create && !existsSync(/*turbopackIgnore: true*/ file)) return null;
  return Buffer.from(create ? readOrCreateLocalSecret(dataDir(), KEY_NAME) : readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(), "utf8");
}

function checkpointHmac(key: Buffer, point: Omit<AuditCheckpoint, "hmac">): string {
  return createHmac("sha256", key).update(`jangkau-audit-checkpoint/v1|${point.seq}|${point.hash}|${point.at}`).digest("hex");
}

/** Appends a checkpoint of the given head (a verified one) or of the newest event; null when there is none. */
export async function writeAuditCheckpoint(head?: { seq: number; hash: string }): Promise<AuditCheckpoint | null> {
  const point = head ?? (await newestEvent());
  if (!point) return null;
  const key = auditKey(true)!;
  const unsigned = { seq: point.seq, hash: point.hash, at: new Date().toISOString() };
  const checkpoint = { ...unsigned, hmac: checkpointHmac(key, unsigned) };
  const file = auditCheckpointFile();
  await mkdir(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true, mode: 0o700 });
  // One write per line with O_APPEND: concurrent writers (app, CLI) never interleave a line.
  await appendFile(/*turbopackIgnore: true*/ file, JSON.stringify(checkpoint) + "\n", { mode: 0o600, flag: "a" });
  return checkpoint;
}

async function newestEvent(): Promise<{ seq: number; hash: string } | null> {
  const last = await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  return last ? { seq: Number(last.id), hash: last.hash } : null;
}

/**
 * Reads every checkpoint, checking each line's HMAC. Throws when checkpoints exist but no key
 * does (restored onto a machine without `JANGKAU_AUDIT_KEY` or the data folder's `audit-key`).
 */
export async function readAuditCheckpoints(file = auditCheckpointFile()): Promise<CheckpointFile> {
  if (!existsSync(/*turbopackIgnore: true*/ file)) return { checkpoints: [], badLines: [] };
  const lines = (await readFile(/*turbopackIgnore: true*/ file, "utf8")).split("\n");
  const key = lines.some((line) => line.trim()) ? auditKey(false) : null;
  const result: CheckpointFile = { checkpoints: [], badLines: [] };
  if (!key && lines.some((line) => line.trim())) {
    throw new Error(`Kunci audit tidak ditemukan (JANGKAU_AUDIT_KEY atau ${path.join(dataDir(), KEY_NAME)}): titik periksa di ${file} tidak dapat diperiksa.`);
  }
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const point = parseCheckpoint(line);
    if (point && key && hmacMatches(checkpointHmac(key, point), point.hmac)) result.checkpoints.push(point);
    else result.badLines.push(index + 1);
  });
  return result;
}

function parseCheckpoint(line: string): AuditCheckpoint | null {
  try {
    const value = JSON.parse(line) as Partial<AuditCheckpoint>;
    if (Number.isSafeInteger(value.seq) && typeof value.hash === "string" && typeof value.at === "string" && typeof value.hmac === "string") {
      return { seq: value.seq!, hash: value.hash, at: value.at, hmac: value.hmac };
    }
  } catch {
    // not JSON: reported as a bad line
  }
  return null;
}

function hmacMatches(expected: string, given: string): boolean {
  const [a, b] = [Buffer.from(expected, "hex"), Buffer.from(given, "hex")];
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
