import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe("zxcvbn's dictionaries stay on the server", () => {
  it("are imported by server/auth/password-strength.ts only, which no client component or lib/ module imports", () => {
    const files = ["app", "components", "lib", "server", "cli"].flatMap(sources);
    const importers = files.filter((file) => /from ["']@zxcvbn-ts|import\(["']@zxcvbn-ts/.test(readFileSync(path.join(root, file), "utf8")));
    expect(importers).toEqual(["server/auth/password-strength.ts"]);
    expect(readFileSync(path.join(root, "server/auth/password-strength.ts"), "utf8")).toMatch(/^import "server-only";/);
    // Client components and lib/ (shared with the browser) never reach it.
    const clientSide = files.filter((file) => {
      const text = readFileSync(path.join(root, file), "utf8");
      return (file.startsWith("lib/") || text.startsWith('"use client"')) && /from ["'][^"']*password-strength/.test(text);
    });
    expect(clientSide).toEqual([]);
  });
});
