import "server-only";
import { config } from "@/server/config.ts";

/** Bounds on what a partner file may cost to read; anything beyond them is refused as a whole. */
export interface ReadLimits {
  /** Size of the file as stored (the ZIP itself, for a ZIP). */
  maxFileBytes: number;
  /** Declared total of a ZIP's entries once decompressed, and the bytes actually decompressed. */
  maxUncompressedBytes: number;
  /** Entries in a ZIP (a partner sends one CSV; a few extras such as a readme are tolerated). */
  maxEntries: number;
  /** Uncompressed : compressed size of the CSV entry of a ZIP; more is treated as a zip bomb. */
  maxCompressionRatio: number;
  /** Characters in one record (all its cells): stops an unclosed quote from swallowing the file. */
  maxRecordChars: number;
}

const MIB = 1024 * 1024;

/** Entries smaller than this are never called zip bombs, whatever their ratio: they cost nothing. */
export const COMPRESSION_RATIO_MIN_BYTES = MIB;

/**
 * Limits from defaults, `JANGKAU_IMPORT_MAX_FILE_MB` and the caller's overrides. Read on every call
 * so an operator's change applies to the next import without a restart.
 */
export function resolveReadLimits(overrides: Partial<ReadLimits> = {}): ReadLimits {
  return {
    maxFileBytes: config().JANGKAU_IMPORT_MAX_FILE_MB * MIB,
    maxUncompressedBytes: 8 * 1024 * MIB,
    maxEntries: 10,
    // A generated 1M-row Kemnaker CSV deflates 10.7:1; deflate itself tops out near 1032:1.
    maxCompressionRatio: 200,
    // A 15-column partner row is ~250 characters; a megabyte is a broken quote, not a record.
    maxRecordChars: MIB,
    ...definedOnly(overrides),
  };
}

function definedOnly(overrides: Partial<ReadLimits>): Partial<ReadLimits> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
