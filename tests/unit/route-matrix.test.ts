import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasPermission, PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/permissions.ts";
import {
  PAGE_ROWS,
  ROUTE_HANDLER_ROWS,
  ROUTE_MATRIX,
  SERVER_ACTION_ROWS,
  type Access,
  type PageRow,
  type RouteHandlerRow,
} from "../access/route-matrix.ts";

/**
 * The matrix in tests/access/route-matrix.ts must list every door of the app, and each door's
 * code must admit exactly the roles its row names. (The same rows are requested over HTTP, as
 * each role, by e2e/route-matrix.spec.ts.)
 */

const root = path.resolve(import.meta.dirname, "..", "..");
const appDir = path.join(root, "app");
// Folders that may hold "use server" modules. generated/ is Prisma's output.
const SOURCE_DIRS = ["app", "server", "lib", "components"];
const SKIP_DIRS = new Set(["node_modules", "generated", ".next"]);

function walk(dir: string, files: string[] = []): string[] {
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else files.push(full);
  }
  return files;
}

const rel = (file: string, from = root) => path.relative(from, file).split(path.sep).join("/");
const read = (file: string) => readFileSync(file, "utf8");

const appFiles = walk(appDir).map((file) => rel(file, appDir));
const pageFiles = appFiles.filter((file) => /(^|\/)page\.(tsx|ts|jsx|js|mdx)$/.test(file));
const routeFiles = appFiles.filter((file) => /(^|\/)route\.(ts|js)$/.test(file));

/** Drops comments, so a commented-out guard call does not count. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** True when the module's first statement is the "use server" directive. */
function isServerActionModule(source: string): boolean {
  return /^\s*["']use server["']/.test(stripComments(source));
}

function rolesOf(permission: Permission): Role[] {
  return ROLES.filter((role) => hasPermission(role, permission));
}

const sorted = (roles: readonly Role[]) => [...roles].sort();

/** Permissions passed to requirePermission(...) in a file, in order of appearance. */
function guardedPermissions(source: string): string[] {
  return [...stripComments(source).matchAll(/\brequirePermission\(\s*["'`]([\w.]+)["'`]/g)].map((m) => m[1]!);
}

function checkGuard(row: PageRow | RouteHandlerRow, access: Access) {
  const source = read(path.join(appDir, row.file));
  const permissions = guardedPermissions(source);
  const callsRequireActor = /\brequireActor\(/.test(stripComments(source));
  switch (access.kind) {
    case "permission":
      expect(permissions[0], `${row.file} must call requirePermission("${access.permission}") first`).toBe(access.permission);
      break;
    case "signed-in":
      expect(callsRequireActor || permissions.length > 0, `${row.file} must call requireActor()`).toBe(true);
      expect(permissions, `${row.file} is open to every signed-in role: a requirePermission call means its row is wrong`).toEqual([]);
      break;
    case "public":
      expect(permissions, `${row.file} is public in the matrix but calls requirePermission`).toEqual([]);
      expect(callsRequireActor, `${row.file} is public in the matrix but calls requireActor`).toBe(false);
      expect(/\brequirePartnerKey(Of)?\(/.test(stripComments(source)), `${row.file} is public in the matrix but calls requirePartnerKey`).toBe(false);
      break;
    case "partner-key":
      expect(/\brequirePartnerKey(Of)?\(/.test(stripComments(source)), `${row.file} must call requirePartnerKey(request, source) or requirePartnerKeyOf(request, partner)`).toBe(true);
      expect(permissions, `${row.file} takes partner keys, not sessions: a requirePermission call means its row is wrong`).toEqual([]);
      expect(callsRequireActor, `${row.file} takes partner keys, not sessions, but calls requireActor`).toBe(false);
      break;
  }
}

describe("route × role matrix", () => {
  it("names only known permissions and roles, and each permission grants exactly the roles written", () => {
    for (const row of ROUTE_MATRIX) {
      if (row.access.kind !== "permission") continue;
      const where = row.kind === "action" ? `${row.module}#${row.exportName}` : row.path;
      expect(PERMISSIONS, where).toContain(row.access.permission);
      for (const role of row.access.roles) expect(ROLES, where).toContain(role);
      expect(sorted(rolesOf(row.access.permission)), `${where}: roles holding ${row.access.permission}`).toEqual(sorted(row.access.roles));
    }
  });

  it("lists each route once", () => {
    const keys = ROUTE_MATRIX.map((row) => (row.kind === "action" ? `${row.module}#${row.exportName}` : row.file));
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
    const paths = [...PAGE_ROWS, ...ROUTE_HANDLER_ROWS].map((row) => row.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
  });

  describe("pages", () => {
    it("every page.tsx under app/ has a row", () => {
      const listed = new Set(PAGE_ROWS.map((row) => row.file));
      expect(pageFiles.filter((file) => !listed.has(file)), "pages without a row in tests/access/route-matrix.ts").toEqual([]);
    });

    it("every page row points to a page.tsx", () => {
      const present = new Set(pageFiles);
      expect(PAGE_ROWS.filter((row) => !present.has(row.file)).map((row) => row.file), "rows naming no page").toEqual([]);
    });

    it.each(PAGE_ROWS.filter((row) => existsSync(path.join(appDir, row.file))).map((row) => [row.path, row] as const))(
      "%s calls the guard its row names",
      (_path, row) => checkGuard(row, row.access),
    );

    it("every sample path fits its file's route", () => {
      for (const row of [...PAGE_ROWS, ...ROUTE_HANDLER_ROWS]) {
        // "(app)/prospek/[id]/page.tsx" → /^\/prospek\/[^/]+$/
        const segments = row.file
          .split("/")
          .slice(0, -1)
          .filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
        const pattern = segments
          .map((segment) =>
            /^\[\[?\.\.\./.test(segment) ? "(?:/.+)?" : /^\[.+\]$/.test(segment) ? "/[^/]+" : `/${segment.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}`,
          )
          .join("");
        expect(row.path.split("?")[0], row.file).toMatch(new RegExp(`^${pattern || "/"}$`));
      }
    });
  });

  describe("route handlers", () => {
    it("every route.ts under app/ has a row", () => {
      const listed = new Set(ROUTE_HANDLER_ROWS.map((row) => row.file));
      expect(routeFiles.filter((file) => !listed.has(file)), "route handlers without a row in tests/access/route-matrix.ts").toEqual([]);
    });

    it("every route handler row points to a route.ts", () => {
      const present = new Set(routeFiles);
      expect(ROUTE_HANDLER_ROWS.filter((row) => !present.has(row.file)).map((row) => row.file), "rows naming no route handler").toEqual([]);
    });

    it.each(ROUTE_HANDLER_ROWS.filter((row) => existsSync(path.join(appDir, row.file))).map((row) => [row.path, row] as const))(
      "%s exports the methods its row lists and calls the guard it names",
      (_path, row) => {
        const source = stripComments(read(path.join(appDir, row.file)));
        const methods = new Set<string>();
        for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(m[1]!);
        for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
          for (const part of m[1]!.split(",")) {
            const name = part.trim().split(/\s+as\s+/).pop();
            if (name && /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(name)) methods.add(name);
          }
        }
        expect([...methods].sort(), `${row.file}: exported methods`).toEqual([...row.methods].sort());
        checkGuard(row, row.access);
      },
    );
  });

  describe("server actions", () => {
    const sourceFiles = SOURCE_DIRS.flatMap((dir) => walk(path.join(root, dir))).filter((file) => /\.(ts|tsx|js|jsx|mjs)$/.test(file));
    const actionModules = sourceFiles.filter((file) => isServerActionModule(read(file))).map((file) => rel(file));

    it("no inline 'use server' functions (they cannot be listed in the matrix)", () => {
      const inline = sourceFiles.filter((file) => {
        const source = stripComments(read(file));
        return !isServerActionModule(source) && /["']use server["']/.test(source);
      });
      expect(inline.map((file) => rel(file)), "move these actions to a \"use server\" module built with defineAction").toEqual([]);
    });

    it("every row points to an exported action of a \"use server\" module", () => {
      const modules = new Set(actionModules);
      expect(SERVER_ACTION_ROWS.filter((row) => !modules.has(row.module)).map((row) => row.module), "rows naming no \"use server\" module").toEqual([]);
    });

    it.each(actionModules.map((module) => [module] as const))("%s: every export has a row and the permission its row names", async (module) => {
      const exports = (await import(/* @vite-ignore */ path.join(root, module))) as Record<string, unknown>;
      const rows = SERVER_ACTION_ROWS.filter((row) => row.module === module);
      const exported = Object.keys(exports).filter((name) => name !== "__esModule");
      expect(exported.filter((name) => !rows.some((row) => row.exportName === name)), `exports of ${module} without a row`).toEqual([]);
      expect(rows.filter((row) => !exported.includes(row.exportName)).map((row) => row.exportName), `rows naming no export of ${module}`).toEqual([]);

      const source = stripComments(read(path.join(root, module)));
      for (const row of rows) {
        // A hand-written function with a `permission` property would pass the checks below.
        expect(source, `${module}#${row.exportName} must be built by defineAction`).toMatch(
          new RegExp(`export\\s+const\\s+${row.exportName}\\s*=\\s*defineAction\\b`),
        );
        const action = exports[row.exportName] as { permission?: unknown } | undefined;
        expect(typeof action, `${module}#${row.exportName} must be a function`).toBe("function");
        expect(action?.permission, `${module}#${row.exportName}.permission (build it with defineAction)`).toBe(row.access.permission);
        const granted = ROLES.filter((role) => hasPermission(role, action!.permission as Permission));
        expect(sorted(granted), `${module}#${row.exportName}: roles its permission grants`).toEqual(sorted(row.access.roles));
      }
    });
  });
});
