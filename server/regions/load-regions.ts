import "server-only";
import { createReadStream, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { normalizeRegionCode, parentCodeOf, type RegionLevel, regionLevelOf } from "@/lib/region-code.ts";
import { databaseUrl } from "@/server/db/client.ts";

export interface EnsureRegionsLoadedOptions {
  log?: (message: string) => void;
  /** Database to fill; defaults to the app's (`databaseUrl()`). */
  url?: string;
  /** Folder holding idn-area-data's CSVs; defaults to the installed package's `data/`. */
  dataDir?: string;
}

export interface EnsureRegionsLoadedResult {
  /** True when this call filled the table; false when it already held regions. */
  loaded: boolean;
  counts: Record<RegionLevel, number>;
}

/** One CSV per level, parents before children so every parent_code already exists. */
const SOURCES: { level: RegionLevel; file: string; parentColumn: string | null }[] = [
  { level: "PROVINCE", file: "provinces.csv", parentColumn: null },
  { level: "REGENCY", file: "regencies.csv", parentColumn: "province_code" },
  { level: "DISTRICT", file: "districts.csv", parentColumn: "regency_code" },
  { level: "VILLAGE", file: "villages.csv", parentColumn: "district_code" },
];

// One COPY message per ~64 KB instead of one per row: per-row writes made the load take seconds.
const COPY_BATCH_CHARS = 64 * 1024;

// Serialises loaders started together (app and CLI, parallel test files); held until commit.
const REGION_LOAD_LOCK_KEY = 7_020_117_002;

/**
 * Loads the Kemendagri region list shipped by the npm package `idn-area-data` (ODbL) into
 * `region`, once: when the table already holds rows nothing is written. All four levels go in one
 * transaction through COPY, so a failed load leaves the table empty and the next start retries.
 */
export async function ensureRegionsLoaded(options: EnsureRegionsLoadedOptions = {}): Promise<EnsureRegionsLoadedResult> {
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: options.url ?? databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [REGION_LOAD_LOCK_KEY]);
    const { rows } = await client.query<{ present: boolean }>("SELECT EXISTS (SELECT 1 FROM region) AS present");
    if (rows[0]?.present) {
      await client.query("COMMIT");
      return { loaded: false, counts: await countRegions(client) };
    }

    const started = performance.now();
    const dataDir = options.dataDir ?? idnAreaDataDir();
    const counts = emptyCounts();
    for (const source of SOURCES) {
      counts[source.level] = await copyLevel(client, path.join(/*turbopackIgnore: true*/ dataDir, source.file), source);
    }
    await client.query("COMMIT");
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(
      `Data wilayah dimuat dalam ${seconds} detik: ${counts.PROVINCE} provinsi, ${counts.REGENCY} kabupaten/kota, ` +
        `${counts.DISTRICT} kecamatan, ${counts.VILLAGE} desa/kelurahan (sumber: idn-area-data, ODbL).`,
    );
    return { loaded: true, counts };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function copyLevel(
  client: pg.Client,
  file: string,
  source: (typeof SOURCES)[number],
): Promise<number> {
  let rowCount = 0;
  let batch = "";
  const toCopyRows = new Transform({
    writableObjectMode: true,
    transform(record: Record<string, string>, _encoding: BufferEncoding, done: TransformCallback) {
      try {
        rowCount += 1;
        batch += copyRow(record, source, file, rowCount);
        if (batch.length < COPY_BATCH_CHARS) return done();
        const full = batch;
        batch = "";
        done(null, full);
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      done(null, batch);
    },
  });
  await pipeline(
    createReadStream(/*turbopackIgnore: true*/ file),
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }),
    toCopyRows,
    client.query(copyFrom("COPY region (code, name, level, parent_code) FROM STDIN WITH (FORMAT csv)")),
  );
  return rowCount;
}

/** Checks one CSV record and renders it as a COPY csv line. */
function copyRow(
  record: Record<string, string>,
  source: (typeof SOURCES)[number],
  file: string,
  rowNumber: number,
): string {
  const where = `${path.basename(file)} baris data ${rowNumber}`;
  const code = normalizeRegionCode(record.code);
  const name = record.name ?? "";
  if (code === null || regionLevelOf(code) !== source.level) {
    throw new Error(`${where}: kode wilayah tidak sah untuk ${source.level}: ${JSON.stringify(record.code)}`);
  }
  if (name === "") throw new Error(`${where}: nama kosong untuk ${code}`);
  const parentCode = source.parentColumn === null ? null : normalizeRegionCode(record[source.parentColumn]);
  if (parentCode !== parentCodeOf(code)) {
    throw new Error(`${where}: induk ${JSON.stringify(record[source.parentColumn ?? ""])} tidak cocok dengan kode ${code}`);
  }
  // COPY csv: an unquoted empty field is NULL; a quoted one is an empty string.
  return `${code},${csvField(name)},${source.level},${parentCode ?? ""}\n`;
}

function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

async function countRegions(client: pg.Client): Promise<Record<RegionLevel, number>> {
  const { rows } = await client.query<{ level: RegionLevel; count: number }>(
    "SELECT level, count(*)::int AS count FROM region GROUP BY level",
  );
  const counts = emptyCounts();
  for (const row of rows) counts[row.level] = row.count;
  return counts;
}

function emptyCounts(): Record<RegionLevel, number> {
  return { PROVINCE: 0, REGENCY: 0, DISTRICT: 0, VILLAGE: 0 };
}

/**
 * The installed package's data folder. Resolved through Node's resolver; the cwd fallback covers
 * bundles (Next) where that resolution is rewritten.
 */
export function idnAreaDataDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(path.join(/*turbopackIgnore: true*/ path.dirname(createRequire(import.meta.url).resolve("idn-area-data/package.json")), "data"));
  } catch {
    // Not resolvable from here; try the working directory below.
  }
  candidates.push(path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "idn-area-data", "data"));
  const found = candidates.find((dir) => existsSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ dir, "provinces.csv")));
  if (!found) throw new Error(`Data wilayah (paket idn-area-data) tidak ditemukan; dicari di: ${candidates.join(", ")}`);
  return found;
}
