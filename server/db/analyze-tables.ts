import "server-only";
import type pg from "pg";

/** A pg client or pool, or a Prisma client or transaction: whatever the caller is working on. */
export type AnalyzeRunner =
  | { query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }> }
  | {
      $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>;
      $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
    };

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Refreshes the planner's statistics of `tables` after a bulk change (an import's rows, a match
 * run's rewrite). Autovacuum gets there eventually, but the next statement — often in the same
 * job — would otherwise plan on the estimates of before: a step of a notary pass took 40 s instead
 * of 0.1 s that way. The app role may ANALYZE through the MAINTAIN privilege (PostgreSQL 17+,
 * granted by the `app_role_maintain` migration). Without it PostgreSQL only warns and skips the table,
 * so the privilege is checked first and its absence is an error. Inside a transaction the
 * statistics commit with it.
 */
export async function analyzeTables(runner: AnalyzeRunner, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  for (const table of tables) if (!TABLE_NAME.test(table)) throw new Error(`analyzeTables: not a table name: ${table}`);
  const check = `SELECT t AS "table" FROM unnest($1::text[]) t WHERE NOT has_table_privilege(t, 'MAINTAIN')`;
  const analyze = `ANALYZE ${tables.map((t) => `"${t}"`).join(", ")}`;
  const missing =
    "query" in runner
      ? ((await runner.query(check, [tables])).rows as { table: string }[])
      : await runner.$queryRawUnsafe<{ table: string }[]>(check, tables);
  if (missing.length) {
    throw new Error(`analyzeTables: the connection's role may not ANALYZE ${missing.map((m) => m.table).join(", ")} (MAINTAIN not granted)`);
  }
  if ("query" in runner) await runner.query(analyze);
  else await runner.$executeRawUnsafe(analyze);
}

/**
 * A table is stale when it was never analysed, or when more than this share of its rows changed
 * since (autovacuum's own default scale factor, without its wait).
 */
const STALE_SHARE = 0.1;

/**
 * ANALYZE on those of `tables` whose statistics are missing or stale, as the statistics
 * collector sees them now; returns the tables analysed. Changes committed by other connections
 * show there within about a second of their commit. ANALYZE reads a sample (30,000 rows at the
 * default statistics target), so it costs well under a second per table even at ten million rows.
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
