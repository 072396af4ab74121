import "server-only";
import type pg from "pg";

/**
 * Fresh planner statistics for tables a bulk step just changed. Autovacuum analyses a table
 * only after its own delay and thresholds, while a match run reads what an import wrote
 * seconds before and writes a million businesses at once: a join planned on "never analysed"
 * guesses (a table of a few rows) can take minutes where it takes milliseconds with them — a
 * notary step took 40 s instead of 0.1 s over a source_record never analysed.
 *
 * The app role may ANALYZE because it holds MAINTAIN on the tables (migration
 * `app_role_maintain`). ANALYZE reads a sample (30,000 rows at the default statistics target),
 * so it costs well under a second per table even at ten million rows.
 */

/**
 * A table is stale when it was never analysed, or when more than this share of its rows changed
 * since (autovacuum's own default scale factor, without its wait).
 */
const STALE_SHARE = 0.1;

/** Runs ANALYZE on each of `tables` (trusted identifiers: the caller's own table names). */
export async function analyzeTables(client: pg.ClientBase, tables: readonly string[]): Promise<void> {
  for (const table of tables) await client.query(`ANALYZE ${quoteIdent(table)}`);
}

/**
 * ANALYZE on those of `tables` whose statistics are missing or stale, as the statistics
 * collector sees them now; returns the tables analysed. Changes committed by other connections
 * show there within about a second of their commit.
 */
export async function analyzeStaleTables(client: pg.ClientBase, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ table: string }>(
    `SELECT relname AS table FROM pg_stat_user_tables
     WHERE schemaname = current_schema() AND relname = ANY($1::text[])
       AND (coalesce(last_analyze, last_autoanalyze) IS NULL OR n_mod_since_analyze > $2::float8 * greatest(n_live_tup, 1))`,
    [[...tables], STALE_SHARE],
  );
  const stale = rows.map((r) => r.table);
  await analyzeTables(client, stale);
  return stale;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
