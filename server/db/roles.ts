import "server-only";
import pg from "pg";

/**
 * The two database roles Jangkau runs as. The owner owns every object and runs migrations; the
 * app role (every web request, every CLI command but `db migrate`, `backup` and `restore`) owns
 * nothing, is no superuser, and may only SELECT and INSERT on `audit_event`, so code running as
 * the app can neither rewrite the audit trail nor switch its triggers off. The grants themselves
 * are a migration (prisma/migrations/*_app_role_grants), so they are versioned with the schema.
 */
export const APP_ROLE = "jangkau_app";

export class DatabaseRoleError extends Error {}

/**
 * Creates the app's login role (embedded server; `admin` is a superuser). An existing role keeps
 * its password unless `resetPassword` (the data folder's password file was just made): processes
 * starting together would otherwise race on ALTER ROLE.
 */
export async function ensureAppLoginRole(admin: pg.ClientBase, password: string, options: { resetPassword: boolean }): Promise<void> {
  // Identifiers and the password are ours (base64url), never user input; CREATE ROLE takes no parameters.
  const attributes = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '${password.replace(/'/g, "''")}'`;
  const { rowCount } = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
  if (rowCount) {
    if (options.resetPassword) await admin.query(`ALTER ROLE ${APP_ROLE} ${attributes}`);
    return;
  }
  try {
    await admin.query(`CREATE ROLE ${APP_ROLE} ${attributes}`);
  } catch (error) {
    // Two processes starting a fresh cluster together: the loser finds the role made, with the
    // same password (both read it from the same file).
    if ((error as { code?: string }).code !== "42710") throw error;
  }
}

/** What the app's connection may do that it must not; empty when it is properly unprivileged. */
export async function appRolePrivileges(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ superuser: boolean; bypassrls: boolean; owns: string[]; audit: string[] }>(
      `SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
              -- objects owned by this role or by any role it can become (SET ROLE counts)
              ARRAY(SELECT c.relname::text FROM pg_class c
                    WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role(current_user, c.relowner, 'MEMBER')
                    ORDER BY 1 LIMIT 5) AS owns,
              ARRAY(SELECT p FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES', 'MAINTAIN']) p
                    WHERE CASE WHEN to_regclass('public.audit_event') IS NULL THEN false
                               ELSE has_table_privilege('public.audit_event', p) END) AS audit
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const row = rows[0]!;
    const problems: string[] = [];
    if (row.superuser) problems.push("superuser");
    if (row.bypassrls) problems.push("BYPASSRLS");
    if (row.owns.length) problems.push(`pemilik objek (${row.owns.join(", ")})`);
    if (row.audit.length) problems.push(`hak ${row.audit.join("/")} atas audit_event`);
    return problems;
  } finally {
    await client.end();
  }
}

/**
 * Refuses to run the app on a connection that could rewrite the audit trail: a superuser, a role
 * that owns (or can become the owner of) the tables, or one granted more than SELECT/INSERT on
 * audit_event. Failing closed is deliberate: running privileged "for now" is how it stays so.
 */
export async function assertUnprivilegedAppRole(url: string): Promise<void> {
  const problems = await appRolePrivileges(url);
  if (problems.length === 0) return;
  throw new DatabaseRoleError(
    `Koneksi aplikasi (DATABASE_URL, pengguna ${new URL(url).username || "?"}) terlalu berkuasa: ${problems.join("; ")}. ` +
      `Aplikasi harus berjalan sebagai peran tanpa kepemilikan (mis. ${APP_ROLE}); migrasi memakai DATABASE_OWNER_URL. ` +
      `Lihat docs/security.md, bagian "Database roles".`,
  );
}

/** True when both URLs name the same server and database (the owner URL must not point elsewhere). */
export function sameDatabase(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  return x.hostname === y.hostname && (x.port || "5432") === (y.port || "5432") && x.pathname === y.pathname;
}
