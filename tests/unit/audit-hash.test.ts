import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { auditEventHash, canonicalJson, canonicalJsonAroundId, GENESIS_HASH, type HashedAuditContent } from "@/server/audit/audit-hash.ts";
import { sanitizeAuditDetails } from "@/server/audit/sanitize-details.ts";

const content: HashedAuditContent = {
  id: "1",
  occurredAt: "2026-11-21T00:00:00.000Z",
  actorId: null,
  actorUsername: "admin",
  actorRole: "ADMIN",
  action: "user.create",
  objectType: "user",
  objectId: "abc",
  region: null,
  outcome: "SUCCESS",
  reason: null,
  ip: "10.0.0.1",
  userAgent: "ua",
  requestId: "r1",
  details: { b: 1, a: { d: [1, 2], c: "x" } },
};

describe("audit hash", () => {
  it("is cut around the id so that the database's hash of before ‖ id ‖ after is the verifier's", () => {
    // Details that look like the cut: a nested "id", a NUL, the id's own text.
    const tricky = { ...content, details: { id: "", nested: { id: "7" }, nul: "a\0b", text: '"id":"' } };
    const withoutId = Object.fromEntries(Object.entries(tricky).filter(([key]) => key !== "id")) as Omit<HashedAuditContent, "id">;
    const { before, after } = canonicalJsonAroundId(withoutId);
    for (const id of ["1", "42", "9007199254740993"]) {
      expect(before + id + after).toBe(canonicalJson({ ...tricky, id }));
      const databaseHash = createHash("sha256").update(GENESIS_HASH + before + id + after).digest("hex");
      expect(databaseHash).toBe(auditEventHash(GENESIS_HASH, { ...tricky, id }));
    }
  });

  it("does not depend on key order (jsonb reorders keys)", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: "x" } })).toBe(canonicalJson({ a: { c: "x", d: [1, 2] }, b: 1 }));
  });

  it("changes when any field or the previous hash changes", () => {
    const base = auditEventHash(GENESIS_HASH, content);
    expect(auditEventHash(GENESIS_HASH, { ...content, outcome: "DENIED" })).not.toBe(base);
    expect(auditEventHash(GENESIS_HASH, { ...content, details: { b: 2, a: { d: [1, 2], c: "x" } } })).not.toBe(base);
    expect(auditEventHash("f".repeat(64), content)).not.toBe(base);
  });
});

describe("audit details", () => {
  it("masks personal data by key and by shape, keeping counts and business identifiers", () => {
    expect(
      sanitizeAuditDetails({
        filter: { q: "budi@example.com", region: "32.73" },
        nik: "1234",
        rows: 1500,
        note: "hubungi 0812-3456-7890",
        npwp: "0012345678901000",
        sha256: "a".repeat(64),
      }),
    ).toEqual({
      filter: { q: "[disamarkan]", region: "32.73" },
      nik: "[disamarkan]",
      rows: 1500,
      note: "[disamarkan]",
      npwp: "0012345678901000",
      sha256: "a".repeat(64),
    });
  });
});

describe("audit details and file hashes", () => {
  it("keeps a SHA-256 that happens to hold a 16-digit run", () => {
    const hash = "ab3273015708900001cd" + "e".repeat(44);
    expect(sanitizeAuditDetails({ sha256: hash })).toEqual({ sha256: hash });
  });
});
