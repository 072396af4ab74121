import { randomUUID } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db, disconnectDb } from "@/server/db/client.ts";
import { prepareDatabase } from "@/server/db/database.ts";
import { destroyEmbeddedPostgres, ensureEmbeddedPostgres, stopEmbeddedPostgres } from "@/server/db/embedded-postgres.ts";
import { applyMigrations } from "@/server/db/migrate.ts";
import { APP_ROLE, appRolePrivileges } from "@/server/db/roles.ts";
import { sharedOwnerUrl, withDatabase } from "../support/throwaway-database.ts";

// DATABASE_URL is the app role's connection (tests/support/global-setup.ts), as in production.
const appUrl = process.env.DATABASE_URL as string;

describe("the app's database role", () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: appUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  async function refusal(sql: string): Promise<string> {
    const error = await client.query(sql).then(
      () => null,
      (e: unknown) => e as pg.DatabaseError,
    );
    expect(error, `${sql} should have been refused`).not.toBeNull();
    return error!.message;
  }

  it("is the role the app and the tests connect as", async () => {
    const { rows } = await client.query<{ user: string }>("SELECT current_user AS user");
    expect(rows[0]!.user).toBe(APP_ROLE);
    const [viaPrisma] = await db.$queryRawUnsafe<{ user: string }[]>("SELECT current_user AS user");
    expect(viaPrisma!.user).toBe(APP_ROLE);
  });

  it("is no superuser, cannot bypass row security and owns no object", async () => {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user",
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await client.query(
      `SELECT 'class' AS kind, relname::text AS name FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
       UNION ALL SELECT 'function', proname::text FROM pg_proc WHERE proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
       UNION ALL SELECT 'type', typname::text FROM pg_type WHERE typowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
       UNION ALL SELECT 'schema', nspname::text FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
       UNION ALL SELECT 'database', datname::text FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
    );
    expect(owned.rows).toEqual([]);
    expect(await appRolePrivileges(appUrl)).toEqual([]);
  });

  it("cannot switch triggers off with session_replication_role", async () => {
    expect(await refusal("SET session_replication_role = replica")).toMatch(/permission denied/);
    expect(await refusal("BEGIN; SET LOCAL session_replication_role = replica")).toMatch(/permission denied/);
    await client.query("ROLLBACK");
  });

  it("may only SELECT and INSERT on audit_event", async () => {
    expect(await refusal("UPDATE audit_event SET reason = 'tampered'")).toMatch(/permission denied for table audit_event/);
    expect(await refusal("DELETE FROM audit_event")).toMatch(/permission denied for table audit_event/);
    expect(await refusal("TRUNCATE audit_event")).toMatch(/permission denied for table audit_event/);
    expect(await refusal("ALTER TABLE audit_event DISABLE TRIGGER audit_event_refuse_update_delete")).toMatch(/must be owner of table audit_event/);
    expect(await refusal("ALTER TABLE audit_event DISABLE TRIGGER ALL")).toMatch(/must be owner of table audit_event/);
    expect(await refusal("DROP TRIGGER audit_event_refuse_update_delete ON audit_event")).toMatch(/must be owner of (table|relation) audit_event/);
    expect(await refusal("DROP FUNCTION audit_event_refuse_change() CASCADE")).toMatch(/must be owner of function/);
    // Nor can it become the owner, or make tables of its own to shadow ours.
    expect(await refusal("SET ROLE jangkau")).toMatch(/permission denied to set role/);
    expect(await refusal("CREATE TABLE audit_shadow (id int)")).toMatch(/permission denied for schema public/);
  });

  it("still does the app's work: writes audit events, reads them back", async () => {
    const marker = randomUUID();
    await recordAuditEvent({ action: "search.run", actor: SYSTEM_ACTOR, objectId: marker });
    expect(await db.auditEvent.count({ where: { objectId: marker } })).toBe(1);
    // Imports (COPY, foreign keys checked) and full match runs (match_key reload) run as this role
    // too: tests/integration/import-file.test.ts and matching.test.ts.
  });
});

describe("preparing the database", () => {
  const saved = { ...process.env };

  afterAll(async () => {
    process.env = saved;
    await disconnectDb();
  });

  it("refuses to run the app as a superuser (DATABASE_URL without a separate owner)", async () => {
    process.env.DATABASE_URL = sharedOwnerUrl();
    delete process.env.DATABASE_OWNER_URL;
    await expect(prepareDatabase()).rejects.toThrow(/terlalu berkuasa: superuser/);
  });

  it("refuses an owner URL that names another database", async () => {
    process.env.DATABASE_URL = appUrl;
    const other = new URL(sharedOwnerUrl());
    other.pathname = "/postgres";
    process.env.DATABASE_OWNER_URL = other.toString();
    await expect(prepareDatabase()).rejects.toThrow(/harus menunjuk server dan database yang sama/);
  });

  it("runs as the app role when both are set, applying migrations as the owner", async () => {
    process.env.DATABASE_URL = appUrl;
    process.env.DATABASE_OWNER_URL = sharedOwnerUrl();
    const prepared = await prepareDatabase();
    expect(prepared.appliedMigrations).toEqual([]);
    expect(prepared.url).toBe(appUrl);
  });
});

describe("an embedded data folder from before the role split", () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "jangkau-roles-"));
  });

  afterAll(async () => {
    await disconnectDb();
    await destroyEmbeddedPostgres(path.join(work, "data"));
    await rm(work, { recursive: true, force: true });
  });

  it("gets the app role on its next start and the app then runs as it", { timeout: 120_000 }, async () => {
    const dataDir = path.join(work, "data");
    // The earlier version: the superuser everywhere, migrations up to the one before the grants.
    const old = await ensureEmbeddedPostgres({ dataDir, port: 53000 + Math.floor(Math.random() * 1000) });
    const oldMigrations = path.join(work, "old-migrations");
    const all = (await readdir("prisma/migrations")).filter((name) => /^\d{14}_/.test(name)).sort();
    const before = all.slice(0, all.indexOf("20261206201500_app_role_grants"));
    for (const name of [...before, "migration_lock.toml"]) await cp(path.join("prisma/migrations", name), path.join(oldMigrations, name), { recursive: true });
    await applyMigrations(old.ownerUrl, { migrationsDir: oldMigrations });
    const owner = new pg.Client({ connectionString: old.ownerUrl });
    await owner.connect();
    await owner.query("INSERT INTO app_user (id, username, name, role, password_hash, updated_at) VALUES (gen_random_uuid(), 'lama', 'Pengguna Lama', 'ADMIN', 'x', now())");
    // The earlier version had no job queue either (its grants would keep the role from going).
    await owner.query("DROP SCHEMA pgboss CASCADE");
    await owner.query(`DROP ROLE ${APP_ROLE}`);
    await owner.end();
    await rm(path.join(dataDir, "pg-app-password"));
    await stopEmbeddedPostgres(dataDir);

    const saved = { ...process.env };
    try {
      delete process.env.DATABASE_URL;
      delete process.env.DATABASE_OWNER_URL;
      process.env.JANGKAU_DATA_DIR = dataDir;
      await disconnectDb();
      const prepared = await prepareDatabase();
      expect(prepared.appliedMigrations).toContain("20261206201500_app_role_grants");
      expect(new URL(prepared.url).username).toBe(APP_ROLE);
      const [me] = await db.$queryRawUnsafe<{ user: string }[]>("SELECT current_user AS user");
      expect(me!.user).toBe(APP_ROLE);
      expect(await db.user.findUnique({ where: { username: "lama" }, select: { name: true } })).toEqual({ name: "Pengguna Lama" });
      expect(await appRolePrivileges(prepared.url)).toEqual([]);
    } finally {
      process.env = saved;
      await disconnectDb();
    }
  });
});

describe("the documented production setup (docs/security.md)", () => {
  // The owner there is no superuser: a role that owns the database and nothing more.
  const suffix = randomUUID().slice(0, 8);
  const ownerRole = `jangkau_owner_${suffix}`;
  const database = `prod_${suffix}`;
  const password = randomUUID();

  async function asSuperuser(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: sharedOwnerUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    await disconnectDb();
    await asSuperuser(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await asSuperuser(`DROP ROLE IF EXISTS ${ownerRole}`);
  });

  it("migrates as a non-superuser owner, and the app role gets exactly its grants", { timeout: 60_000 }, async () => {
    await asSuperuser(`CREATE ROLE ${ownerRole} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEROLE NOBYPASSRLS`);
    await asSuperuser(`CREATE DATABASE ${database} OWNER ${ownerRole}`);
    await asSuperuser(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await asSuperuser(`GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${APP_ROLE}`);
    const owner = new URL(withDatabase(sharedOwnerUrl(), database));
    owner.username = ownerRole;
    owner.password = password;
    await applyMigrations(owner.toString());

    const app = withDatabase(appUrl, database);
    expect(await appRolePrivileges(app)).toEqual([]);
    const saved = { ...process.env };
    try {
      process.env.DATABASE_URL = app;
      delete process.env.DATABASE_OWNER_URL;
      await disconnectDb();
      // Without the owner's URL the app only checks that the schema is current.
      const prepared = await prepareDatabase();
      expect(prepared.appliedMigrations).toEqual([]);
      await recordAuditEvent({ action: "search.run", actor: SYSTEM_ACTOR });
      expect(await db.auditEvent.count()).toBe(1);
      await expect(db.$executeRawUnsafe("DELETE FROM audit_event")).rejects.toThrow(/permission denied/);
    } finally {
      process.env = saved;
      await disconnectDb();
    }
  });

  it("refuses to start on a database whose migrations lag behind the code, when it has no owner URL", async () => {
    const client = new pg.Client({ connectionString: withDatabase(sharedOwnerUrl(), database) });
    await client.connect();
    await client.query("DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)");
    await client.end();
    const saved = { ...process.env };
    try {
      process.env.DATABASE_URL = withDatabase(appUrl, database);
      delete process.env.DATABASE_OWNER_URL;
      await expect(prepareDatabase()).rejects.toThrow(/Database belum dimigrasi \(1 migrasi tertunda/);
    } finally {
      process.env = saved;
    }
  });
});
