import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeTables } from "@/server/db/analyze-tables.ts";
import { db } from "@/server/db/client.ts";

// DATABASE_URL is the app role's connection (tests/support/global-setup.ts), as in production.
const appUrl = process.env.DATABASE_URL as string;

async function lastAnalyze(client: pg.Client, table: string): Promise<Date | null> {
  const { rows } = await client.query<{ at: Date | null }>(
    "SELECT greatest(last_analyze, last_autoanalyze) AS at FROM pg_stat_user_tables WHERE relname = $1",
    [table],
  );
  return rows[0]?.at ?? null;
}

describe("analyzeTables as the app role", () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: appUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  it("refreshes the statistics of the tables imports and match runs write, through a pg client or Prisma", async () => {
    const before = new Date(Date.now() - 1000);
    await analyzeTables(client, ["sftp_fetch", "import_batch"]);
    expect((await lastAnalyze(client, "sftp_fetch"))!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect((await lastAnalyze(client, "import_batch"))!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    // Tables whose statistics no other test file's query plans depend on (the files share a database).
    await db.$transaction(async (tx) => analyzeTables(tx, ["import_job"]));
    expect((await lastAnalyze(client, "import_job"))!.getTime()).toBeGreaterThanOrEqual(before.getTime());
  });

  it("fails instead of letting PostgreSQL skip a table the role may not maintain (the audit trail)", async () => {
    // Plain ANALYZE only warns and skips: the helper must not report success.
    await expect(analyzeTables(client, ["audit_event"])).rejects.toThrow(/may not ANALYZE audit_event/);
    const { rows } = await client.query<{ maintain: boolean }>("SELECT has_table_privilege('audit_event', 'MAINTAIN') AS maintain");
    expect(rows[0]!.maintain).toBe(false);
  });

  it("refuses what is not a plain table name", async () => {
    await expect(analyzeTables(client, ["source_record; DROP TABLE business"])).rejects.toThrow(/not a table name/);
  });
});
