import { describe, expect, it } from "vitest";
import {
  createSftpEndpointSchema,
  matchesFilePattern,
  normalizeHostKeyFingerprint,
  periodForMtime,
  updateSftpEndpointSchema,
} from "@/lib/sftp.ts";

const FINGERPRINT = "SHA256:" + "A".repeat(42) + "E";

describe("file patterns", () => {
  it.each([
    ["*.csv", "WLKP_2025.csv", true],
    ["*.csv", "WLKP_2025.CSV", true],
    ["*.csv", "WLKP_2025.csv.part", false],
    ["WLKP_*.zip", "WLKP_2025_S1.zip", true],
    ["WLKP_*.zip", "AHU_2025.zip", false],
    ["data_????.csv", "data_2025.csv", true],
    ["data_????.csv", "data_25.csv", false],
    // Regex characters in a pattern are literal.
    ["laporan(1).csv", "laporan(1).csv", true],
    ["a.csv", "abcsv", false],
  ])("%s matches %s: %s", (pattern, name, expected) => {
    expect(matchesFilePattern(name, pattern)).toBe(expected);
  });
});

describe("period from a file's modification time (WIB)", () => {
  it.each([
    ["2025-01-01T00:00:00+07:00", "2025-S1"],
    ["2025-06-30T23:59:59+07:00", "2025-S1"],
    // 17:00 UTC on 30 June is already 1 July in Jakarta.
    ["2025-06-30T17:00:00Z", "2025-S2"],
    ["2025-12-31T16:59:59Z", "2025-S2"],
    ["2025-12-31T17:00:00Z", "2026-S1"],
  ])("%s → %s", (iso, period) => {
    expect(periodForMtime(new Date(iso))).toBe(period);
  });
});

describe("host key fingerprints", () => {
  it("accepts OpenSSH's form and the usual copies of it", () => {
    expect(normalizeHostKeyFingerprint(FINGERPRINT)).toBe(FINGERPRINT);
    expect(normalizeHostKeyFingerprint(` sha256:${FINGERPRINT.slice(7)}= `)).toBe(FINGERPRINT);
    expect(normalizeHostKeyFingerprint(FINGERPRINT.slice(7))).toBe(FINGERPRINT);
  });

  it("refuses MD5 fingerprints and other text", () => {
    expect(normalizeHostKeyFingerprint("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48")).toBeNull();
    expect(normalizeHostKeyFingerprint("SHA256:pendek")).toBeNull();
  });
});

describe("endpoint form schema", () => {
  const valid = {
    name: "Kemnaker-WLKP",
    host: "sftp.kemnaker.go.id",
    port: "22",
    username: "bpjs",
    authKind: "PASSWORD",
    password: "rahasia",
    remoteDir: "/keluar",
    filePattern: "WLKP_*.zip",
    source: "kemnaker-bu",
    hostKeySha256: FINGERPRINT,
    periodOverride: "",
  };

  it("normalizes what the form sends", () => {
    const parsed = createSftpEndpointSchema.parse(valid);
    expect(parsed).toMatchObject({ name: "kemnaker-wlkp", port: 22, hostKeySha256: FINGERPRINT, periodOverride: null, zipPassword: "" });
  });

  it("takes Kemnaker's worker files (kemnaker-tk) as a source", () => {
    expect(createSftpEndpointSchema.parse({ ...valid, source: "kemnaker-tk", filePattern: "TK_*.zip" }).source).toBe("kemnaker-tk");
  });

  it("requires the secret of the chosen sign-in kind on create", () => {
    const result = createSftpEndpointSchema.safeParse({ ...valid, authKind: "KEY", password: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(["privateKey"]);
  });

  it("lets an edit leave secrets blank (kept as stored)", () => {
    const result = updateSftpEndpointSchema.safeParse({ ...valid, endpointId: "00000000-0000-4000-8000-000000000000", password: "" });
    expect(result.success).toBe(true);
  });

  it.each([
    ["host", "sftp://host.go.id"],
    ["host", "host.go.id:22"],
    ["port", "70000"],
    ["filePattern", "keluar/*.csv"],
    ["hostKeySha256", "MD5:aa:bb"],
    ["periodOverride", "2025-S3"],
    ["name", "nama dengan spasi"],
  ])("refuses %s = %s", (field, value) => {
    const result = createSftpEndpointSchema.safeParse({ ...valid, [field]: value });
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });
});

describe("endpoint form schema, parsed twice", () => {
  it("gives the same result when the use case parses what the action parsed", () => {
    const once = createSftpEndpointSchema.parse({
      name: "mitra",
      host: "10.0.0.5",
      port: 2222,
      username: "bpjs",
      authKind: "KEY",
      privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\n…\n-----END OPENSSH PRIVATE KEY-----\n",
      remoteDir: ".",
      filePattern: "*.csv",
      source: "ahu-entitas",
    });
    expect(once).toMatchObject({ hostKeySha256: null, periodOverride: null });
    expect(createSftpEndpointSchema.parse(once)).toEqual(once);
  });
});
