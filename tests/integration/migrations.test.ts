import { randomBytes, randomInt } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { applyMigrations, diffDatabaseAgainstSchema, diffSchemaAgainstMigrations } from "../../server/db/migrate.ts";
import { sharedOwnerUrl } from "../support/throwaway-database.ts";

// The run's throwaway database, already migrated by the global setup, as its owner: migrations
// and the triggers' own refusals are the owner's business (the app role is refused earlier, by
// privilege: database-roles.test.ts).
function databaseUrl(): string {
  return sharedOwnerUrl();
}

describe("migrations", () => {
  it("schema.prisma and the migrated database agree (no drift)", async () => {
    expect(await diffDatabaseAgainstSchema(databaseUrl())).toBe("");
  });

  it("every change in schema.prisma has a migration", async () => {
    // Replays prisma/migrations in a throwaway shadow database; a non-empty diff is the SQL of the
    // missing migration (create it with createMigration / `npm run db:migration -- <name>`).
    expect(await diffSchemaAgainstMigrations(databaseUrl())).toBe("");
  });

  it("applying the migrations again applies nothing", async () => {
    expect(await applyMigrations(databaseUrl())).toEqual({ applied: [] });
  });
});

describe("audit_event is append-only in the database", () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  // Other test files share this database and may verify the audit hash chain, so nothing here
  // is ever committed: the row lives in a transaction that is rolled back, with an explicit
  // negative id so the id sequence is not advanced either.
  async function inRolledBackTransaction(fn: () => Promise<void>): Promise<void> {
    await client.query("BEGIN");
    try {
      await client.query("SET LOCAL lock_timeout = '10s'");
      await fn();
    } finally {
      await client.query("ROLLBACK");
    }
  }

  async function expectRefused(sql: string): Promise<void> {
    await client.query("SAVEPOINT refused");
    const error = await client.query(sql).then(
      () => null,
      (e: unknown) => e as pg.DatabaseError,
    );
    await client.query("ROLLBACK TO SAVEPOINT refused");
    expect(error, `${sql} should have been refused`).not.toBeNull();
    expect(error?.message).toBe("audit_event is append-only");
  }

  async function insertEvent(): Promise<string> {
    const id = String(-randomInt(1, 2 ** 47));
    await client.query(
      `INSERT INTO audit_event (id, occurred_at, action, outcome, prev_hash, hash)
       VALUES ($1, now(), 'test.append_only', 'SUCCESS', $2, $3)`,
      [id, "0".repeat(64), randomBytes(32).toString("hex")],
    );
    return id;
  }

  it("refuses UPDATE", async () => {
    await inRolledBackTransaction(async () => {
      const id = await insertEvent();
      await expectRefused(`UPDATE audit_event SET reason = 'tampered' WHERE id = ${id}`);
      const { rows } = await client.query<{ reason: string | null }>(
        "SELECT reason FROM audit_event WHERE id = $1",
        [id],
      );
      expect(rows).toEqual([{ reason: null }]);
    });
  });

  it("refuses DELETE", async () => {
    await inRolledBackTransaction(async () => {
      const id = await insertEvent();
      await expectRefused(`DELETE FROM audit_event WHERE id = ${id}`);
      const { rowCount } = await client.query("SELECT 1 FROM audit_event WHERE id = $1", [id]);
      expect(rowCount).toBe(1);
    });
  });

  it("refuses TRUNCATE", async () => {
    // Statement-level trigger: fires even on an empty table, so no row is needed (and none is
    // inserted, so this transaction holds no lock other writers could be waiting behind).
    await inRolledBackTransaction(async () => {
      await expectRefused("TRUNCATE audit_event");
      await expectRefused("TRUNCATE audit_event CASCADE");
    });
  });
});
