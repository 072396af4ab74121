import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256File } from "@/server/ingest/read/hash-file.ts";
import { createFixtureDir } from "@/tests/support/ingest-fixtures.ts";

const fixtures = createFixtureDir();

describe("sha256File", () => {
  it("hashes an empty file", async () => {
    expect(await sha256File(await fixtures.write("empty", ""))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("hashes a file larger than one read chunk like hashing it whole", async () => {
    const content = Buffer.alloc(3 * 1024 * 1024 + 7, "Jl. Soekarno–Hatta;");
    const expected = createHash("sha256").update(content).digest("hex");
    expect(await sha256File(await fixtures.write("big", content))).toBe(expected);
  });
});
