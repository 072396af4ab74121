import "server-only";
import { randomInt } from "node:crypto";
import { stat } from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { configure, ZipWriter } from "@zip.js/zip.js";
import pg from "pg";
import {
  BALIKAN_ENTRIES,
  BALIKAN_PARTNER_LABELS,
  BALIKAN_PASSWORD_ALPHABET,
  BALIKAN_PASSWORD_LENGTH,
  generateBalikanSchema,
  type BalikanEntryDefinition,
  type BalikanPartner,
  type GenerateBalikanInput,
} from "@/lib/balikan.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { hashPassword } from "@/server/auth/passwords.ts";
import { databaseUrl, db } from "@/server/db/client.ts";
import { copyOutRows } from "@/server/db/copy-out.ts";
import { DomainError } from "@/server/errors.ts";
import { toCsv, UTF8_BOM } from "@/server/exports/csv.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { sha256File } from "@/server/ingest/read/hash-file.ts";
import { createStoredFile, removeStoredFile } from "@/server/ingest/storage.ts";
import { balikanEntryQuery, balikanUnmatchedQuery, toBalikanRow } from "./balikan-rows.ts";
import { formatCount } from "@/lib/format.ts";

configure({ useWebWorkers: false });

/** How one CSV of a delivery reconciles with the partner's batches (kept in balikan_delivery.entries). */
export interface BalikanEntrySummary {
  name: string;
  key: BalikanEntryDefinition["key"];
  source: string;
  rows: number;
  /** Accepted rows over the period's batches of the source: equals `rows`, or generation fails. */
  batchAccepted: number;
  batches: { id: string; fileName: string | null; accepted: number; dataRows: number }[];
}

export interface GeneratedBalikan {
  deliveryId: string;
  partner: BalikanPartner;
  period: string;
  fileName: string;
  rows: number;
  bytes: number;
  sha256: string;
  entries: BalikanEntrySummary[];
  /** The ZIP in the storage folder (the CLI copies it out; the page streams it through /balikan/unduh). */
  storedPath: string;
  /** Shown once to the admin, to be given to the partner through another channel; stored only as argon2id. */
  password: string;
}

export interface GenerateBalikanOptions {
  input: GenerateBalikanInput;
  actor: AuditActor;
  context: RequestContext;
  now?: Date;
}

// CSV rows per chunk handed to the ZIP writer (~100–250 KB): flat memory, few writes.
const CHUNK_ROWS = 1_000;

/** A password from an alphabet without look-alikes, from the OS's CSPRNG (24 of 46 symbols ≈ 132 bits). */
function generateBalikanPassword(): string {
  let password = "";
  for (let i = 0; i < BALIKAN_PASSWORD_LENGTH; i++) password += BALIKAN_PASSWORD_ALPHABET[randomInt(BALIKAN_PASSWORD_ALPHABET.length)];
  return password;
}

/**
 * Writes a partner's data balikan for a period: one CSV per agreed file (UTF-8 with BOM, CRLF),
 * each stored uncompressed inside a ZIP encrypted with AES-256 under a fresh password. All CSVs
 * are read from one snapshot (REPEATABLE READ), and each must have exactly as many rows as the
 * period's batches accepted, or nothing is recorded. The ZIP is kept in the storage folder; the
 * delivery row (hash, counts, argon2id of the password) and its `balikan.generate` audit event
 * commit together.
 */
export async function generateBalikan(options: GenerateBalikanOptions): Promise<GeneratedBalikan> {
  const { partner, period } = generateBalikanSchema.parse(options.input);
  const definitions = BALIKAN_ENTRIES[partner];
  const now = options.now ?? new Date();
  const fileName = `balikan-${partner}-${period}-${wibDateStamp(now)}.zip`;
  const password = generateBalikanPassword();

  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  let stored: Awaited<ReturnType<typeof createStoredFile>> | null = null;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const entries: BalikanEntrySummary[] = [];
    for (const entry of definitions) {
      const { rows: batches } = await client.query<{ id: string; file_name: string | null; accepted: number; data_rows: number }>(
        `SELECT id, file_name, accepted, data_rows FROM import_batch WHERE source = $1 AND period = $2 ORDER BY created_at, id`,
        [entry.source, period],
      );
      entries.push({
        name: `balikan-${entry.key}-${period}.csv`,
        key: entry.key,
        source: entry.source,
        rows: 0,
        batchAccepted: batches.reduce((sum, b) => sum + b.accepted, 0),
        batches: batches.map((b) => ({ id: b.id, fileName: b.file_name, accepted: b.accepted, dataRows: b.data_rows })),
      });
    }
    if (entries.every((entry) => entry.batches.length === 0)) {
      throw new DomainError(`Belum ada data dari ${BALIKAN_PARTNER_LABELS[partner]} untuk periode ${period}: tidak ada yang dapat dibalikkan.`, "period");
    }
    for (const [i, entry] of definitions.entries()) {
      const check = balikanUnmatchedQuery(entry, period);
      const { rows } = await client.query<{ unmatched: number }>(check.sql);
      const unmatched = rows[0]?.unmatched ?? 0;
      if (unmatched > 0) {
        throw new DomainError(`${formatCount(unmatched)} rekaman ${entries[i]!.source} periode ${period} ${check.reason}`, "period");
      }
    }

    stored = await createStoredFile("balikan", "zip");
    const zip = new ZipWriter(Writable.toWeb(stored.stream), { useWebWorkers: false });
    for (const [i, entry] of definitions.entries()) {
      const summary = entries[i]!;
      async function* csv(): AsyncGenerator<Buffer> {
        yield Buffer.from(UTF8_BOM + toCsv([entry.headers as readonly string[]]), "utf8");
        let batch: (string | number | null)[][] = [];
        for await (const cells of copyOutRows(client, balikanEntryQuery(entry, period))) {
          batch.push(toBalikanRow(entry, cells));
          summary.rows += 1;
          if (batch.length === CHUNK_ROWS) {
            yield Buffer.from(toCsv(batch), "utf8");
            batch = [];
          }
        }
        if (batch.length) yield Buffer.from(toCsv(batch), "utf8");
      }
      await zip.add(summary.name, Readable.toWeb(Readable.from(csv())) as ReadableStream<Uint8Array>, {
        password,
        encryptionStrength: 3,
        level: 0,
        lastModDate: now,
      });
    }
    await zip.close();
    await client.query("COMMIT");

    for (const entry of entries) {
      if (entry.rows !== entry.batchAccepted) {
        throw new Error(`Rekonsiliasi gagal untuk ${entry.name}: ${entry.rows} baris, batch menerima ${entry.batchAccepted}.`);
      }
    }

    const sha256 = await sha256File(stored.path);
    const { size } = await stat(stored.path);
    const passwordHash = await hashPassword(password);
    const rows = entries.reduce((sum, entry) => sum + entry.rows, 0);
    const storedName = stored.name;
    const delivery = await db.$transaction(async (tx) => {
      const created = await tx.balikanDelivery.create({
        data: {
          partner,
          period,
          fileName,
          storedFile: storedName,
          sha256,
          bytes: BigInt(size),
          passwordHash,
          rows,
          entries: entries as unknown as object,
          createdById: options.actor.id,
          createdByUsername: options.actor.username,
          createdAt: now,
        },
        select: { id: true },
      });
      await appendAuditEvent(tx, {
        action: "balikan.generate",
        actor: options.actor,
        objectType: "balikan_delivery",
        objectId: created.id,
        details: {
          partner,
          period,
          fileName,
          rows,
          bytes: size,
          sha256,
          entries: entries.map((entry) => ({ name: entry.name, rows: entry.rows, batchAccepted: entry.batchAccepted, batches: entry.batches.length })),
        },
        context: options.context,
      });
      return created;
    });
    return { deliveryId: delivery.id, partner, period, fileName, rows, bytes: size, sha256, entries, storedPath: stored.path, password };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (stored) {
      stored.stream.destroy();
      await removeStoredFile(stored.name);
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `20261121` in WIB (UTC+7, no daylight saving), for file names. */
function wibDateStamp(date: Date): string {
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).replaceAll("-", "");
}
