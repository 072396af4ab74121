import "server-only";
import type pg from "pg";
import type { BusinessScale } from "@/lib/identifiers/business-scale.ts";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import { copyOutRows } from "@/server/db/copy-out.ts";
import { fingerprintOf } from "./fingerprint.ts";
import { BUSINESS_SOURCES_SQL, type BusinessSource, type MatchRecord } from "./types.ts";

/**
 * Reads business records into the resolver's shape. "Current" records are those of each source's
 * newest period: a new period supersedes the previous one for matching, while the older batches
 * stay in source_record.
 */

/** Batches of the newest period of each source (SQL, for joins). */
export const CURRENT_BATCHES_SQL = `
  SELECT b.id, b.source, b.period FROM import_batch b
  WHERE b.period = (SELECT max(x.period) FROM import_batch x WHERE x.source = b.source)`;

const COLUMNS = `r.id, r.source, c.period, r.name, r.legal_form, r.npwp, r.nib, r.kode_wlkp, r.kode_badan_usaha,
  r.province_code, r.regency_code, r.district_code, r.village_code, r.address, r.postcode, r.phone, r.email,
  r.worker_count, r.business_scale, r.kbli, r.extra->>'registered', r.extra->>'active', r.extra->>'registeredWorkers'`;

/** All current business records, or those whose ids are in the temp table `onlyIdsTable`. */
export async function loadCurrentRecords(
  client: pg.Client,
  options: { onlyIdsTable?: string; progress?: (loaded: number) => void } = {},
): Promise<MatchRecord[]> {
  const records: MatchRecord[] = [];
  for await (const record of streamCurrentRecords(client, options)) {
    records.push(record);
    if (records.length % 50_000 === 0) options.progress?.(records.length);
  }
  return records;
}

/** The same records one at a time, in id order (a full run never holds them all). */
export async function* streamCurrentRecords(client: pg.Client, options: { onlyIdsTable?: string } = {}): AsyncGenerator<MatchRecord> {
  const only = options.onlyIdsTable ? `JOIN ${options.onlyIdsTable} o ON o.id = r.id` : "";
  const query = `SELECT ${COLUMNS} FROM source_record r JOIN (${CURRENT_BATCHES_SQL}) c ON c.id = r.batch_id ${only}
    WHERE r.source IN (${BUSINESS_SOURCES_SQL}) AND r.name IS NOT NULL ORDER BY r.id`;
  for await (const row of copyOutRows(client, query)) yield toMatchRecord(row);
}

/** A record as JSON text (its bigint id as a string), for the full run's work table. */
export function serializeRecord(record: MatchRecord): string {
  return JSON.stringify({ ...record, id: String(record.id) });
}

export function deserializeRecord(text: string): MatchRecord {
  const parsed = JSON.parse(text) as Omit<MatchRecord, "id"> & { id: string };
  return { ...parsed, id: BigInt(parsed.id) };
}

function toMatchRecord(row: (string | null)[]): MatchRecord {
  const c = (i: number): string | null => row[i] ?? null;
  const name = c(3)!;
  const parsed = parseBusinessName(name);
  const record: MatchRecord = {
    id: BigInt(c(0)!),
    source: c(1) as BusinessSource,
    period: c(2)!,
    name,
    legalForm: c(4) ?? parsed.legalForm,
    core: parsed.core,
    tokens: parsed.tokens,
    key: parsed.key,
    branch: parsed.branch,
    npwp: c(5),
    nib: c(6),
    kodeWlkp: c(7),
    kodeBadanUsaha: c(8),
    provinceCode: c(9),
    regencyCode: c(10),
    districtCode: c(11),
    villageCode: c(12),
    address: c(13),
    postcode: c(14),
    phone: c(15),
    email: c(16),
    workerCount: c(17) === null ? null : Number(c(17)),
    businessScale: c(18) as BusinessScale | null,
    kbli: c(19),
    registered: bool(c(20)),
    active: bool(c(21)),
    registeredWorkers: c(22) === null ? null : Number(c(22)),
    fingerprint: "",
  };
  record.fingerprint = fingerprintOf(record);
  return record;
}

function bool(value: string | null): boolean | null {
  return value === "true" ? true : value === "false" ? false : null;
}
