import "server-only";

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
 * granted by the `import_speed` migration). Without it PostgreSQL only warns and skips the table,
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
