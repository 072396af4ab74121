import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, config, ConfigError, INTERNAL_VARIABLES, settleConfig } from "@/server/config.ts";

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
/** What looks like one of our variables anywhere in a text. */
const variablesIn = (text: string) => new Set(text.match(/\b(?:DATABASE|JANGKAU|NEXTAUTH|OIDC)_[A-Z0-9_]*[A-Z0-9]\b/g) ?? []);

describe("configuration", () => {
  it("gives defaults for everything the demo needs", () => {
    expect(config({})).toMatchObject({ PORT: 3000, JANGKAU_DB_POOL_SIZE: 10, JANGKAU_DATA_DIR: ".data", JANGKAU_MATCH_AFTER_IMPORT: true, DATABASE_URL: undefined });
    // Blank counts as unset (the e2e suite sets DATABASE_URL="" to force the embedded server).
    expect(config({ DATABASE_URL: " ", JANGKAU_DB_PORT: "" })).toMatchObject({ DATABASE_URL: undefined, JANGKAU_DB_PORT: undefined });
    expect(config({ JANGKAU_EXPORT_MAX_ROWS_OFFICER: "20.000", JANGKAU_MATCH_AFTER_IMPORT: "off" })).toMatchObject({
      JANGKAU_EXPORT_MAX_ROWS_OFFICER: 20_000,
      JANGKAU_MATCH_AFTER_IMPORT: false,
    });
    // Megabytes may be a fraction (tests use a kilobyte or so).
    expect(config({ JANGKAU_IMPORT_MAX_FILE_MB: "0.5" }).JANGKAU_IMPORT_MAX_FILE_MB).toBe(0.5);
    expect(() => config({ JANGKAU_IMPORT_MAX_FILE_MB: "0" })).toThrow(/JANGKAU_IMPORT_MAX_FILE_MB/);
  });

  it("follows the environment until the web server settles it, and keeps the settled values after", () => {
    const saved = process.env.JANGKAU_DB_POOL_SIZE;
    try {
      process.env.JANGKAU_DB_POOL_SIZE = "7";
      expect(config().JANGKAU_DB_POOL_SIZE).toBe(7);
      settleConfig();
      process.env.JANGKAU_DB_POOL_SIZE = "8";
      expect(config().JANGKAU_DB_POOL_SIZE).toBe(7);
      // An explicit environment is still read as given.
      expect(config({ JANGKAU_DB_POOL_SIZE: "9" }).JANGKAU_DB_POOL_SIZE).toBe(9);
    } finally {
      delete (globalThis as { jangkauSettledConfig?: unknown }).jangkauSettledConfig;
      if (saved === undefined) delete process.env.JANGKAU_DB_POOL_SIZE;
      else process.env.JANGKAU_DB_POOL_SIZE = saved;
    }
    expect(config().JANGKAU_DB_POOL_SIZE).toBe(saved === undefined ? 10 : Number(saved));
  });

  it("refuses bad values with every problem named, in Indonesian and English, never echoing a connection string", () => {
    const bad = { JANGKAU_DB_POOL_SIZE: "sepuluh", DATABASE_REPLICA_URL: "mysql://u:rahasia@db/x", JANGKAU_DEMO: "yes", PORT: "70000", NEXTAUTH_URL: "jangkau.local" };
    let error: unknown;
    try {
      config(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect((error as ConfigError).problems.map((p) => p.split(":")[0]).sort()).toEqual(Object.keys(bad).sort());
    expect(message).toContain("Konfigurasi tidak valid (invalid configuration)");
    expect(message).toContain("JANGKAU_DB_POOL_SIZE: harus bilangan bulat 1–1000 (must be a whole number from 1 to 1000)");
    expect(message).not.toContain("rahasia");
  });

  it("stops `npx jangkau` before it does anything, naming the variable", () => {
    const run = spawnSync(process.execPath, ["cli/bin.mjs", "db", "status"], {
      env: { ...process.env, JANGKAU_DB_POOL_SIZE: "nol" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("JANGKAU_DB_POOL_SIZE: harus bilangan bulat");
  });

  it("is documented: docs/configuration.md lists every variable the module reads, and nothing else", () => {
    const table = read("docs/configuration.md")
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) => line.split("|")[1]!);
    const documented = new Set(table.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)));
    const operatorSettings = CONFIG_VARIABLES.filter((name) => !INTERNAL_VARIABLES.includes(name));
    expect([...documented].sort()).toEqual([...operatorSettings].sort());
  });

  it("the README and the docs name no variable the module does not know", () => {
    const known = new Set<string>(CONFIG_VARIABLES);
    for (const file of ["README.md", "docs/configuration.md", "docs/security.md", "docs/architecture.md"]) {
      const unknown = [...variablesIn(read(file))].filter((name) => !known.has(name));
      expect(unknown, file).toEqual([]);
    }
  });
});
