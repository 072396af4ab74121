import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_OBJECT_TYPE_LABELS, auditDetailEntries, auditReasonLabel } from "@/lib/audit-labels.ts";

/** Every .ts file of the server and the app: where audit events are written. */
async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const root of ["server", "app"]) {
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.parentPath.includes("generated")) files.push(path.join(entry.parentPath, entry.name));
    }
  }
  return files;
}

describe("the audit page's labels", () => {
  it("reads reasons in Indonesian, with permissions and rate limits spelled out", () => {
    expect(auditReasonLabel("missing_permission:leads.export")).toBe("Tidak berhak mengekspor prospek");
    expect(auditReasonLabel("outside_region_scope")).toBe("Di luar wilayah tugas");
    expect(auditReasonLabel("unknown_key_rate_limited")).toBe("Kunci API tidak dikenal; percobaan berikutnya dibatasi");
    // A free-text reason (a push's message) is shown as written.
    expect(auditReasonLabel("Server menolak koneksi.")).toBe("Server menolak koneksi.");
  });

  it("has a label for every object type and reason code the code writes", async () => {
    const unlabelledTypes = new Set<string>();
    const unlabelledReasons = new Set<string>();
    for (const file of await sourceFiles()) {
      const text = await readFile(file, "utf8");
      for (const [, type] of text.matchAll(/objectType: "([a-z_]+)"/g)) if (!Object.hasOwn(AUDIT_OBJECT_TYPE_LABELS, type!)) unlabelledTypes.add(type!);
      for (const [, reason] of text.matchAll(/reason: "([a-z_]+)"/g)) if (auditReasonLabel(reason!) === reason) unlabelledReasons.add(reason!);
    }
    expect([...unlabelledTypes]).toEqual([]);
    expect([...unlabelledReasons]).toEqual([]);
  });

  it("turns details into labelled lines: lists joined, yes/no in Indonesian, nested values compact", () => {
    expect(auditDetailEntries({ source: "kemnaker-bu", regionCodes: ["32.73", "32.04"], truncated: false, filter: { cari: "x" } })).toEqual([
      { key: "source", label: "Sumber", value: "kemnaker-bu" },
      { key: "regionCodes", label: "Kode wilayah", value: "32.73, 32.04" },
      { key: "truncated", label: "Terpotong", value: "tidak" },
      { key: "filter", label: "Filter", value: '{"cari":"x"}' },
    ]);
    expect(auditDetailEntries(null)).toEqual([]);
  });
});
