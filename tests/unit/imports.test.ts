import { describe, expect, it } from "vitest";
import { baseFileName, currentPeriod, importUploadSchema, isOlderPeriod, parseImportHistoryPage, parseUploadQuery, selectablePeriods, uploadQuery } from "@/lib/imports.ts";
import { isSameOriginRequest } from "@/server/http/same-origin.ts";

describe("selectablePeriods", () => {
  it("offers the current period and four before, newest first, never a future one", () => {
    expect(selectablePeriods(new Date("2026-11-21T06:00:00Z"))).toEqual(["2026-S2", "2026-S1", "2025-S2", "2025-S1", "2024-S2"]);
    expect(selectablePeriods(new Date("2026-03-01T00:00:00Z"))).toEqual(["2026-S1", "2025-S2", "2025-S1", "2024-S2", "2024-S1"]);
  });

  it("reads the calendar half in WIB", () => {
    // 30 June 17:30 UTC is 1 July 00:30 WIB: already S2.
    expect(currentPeriod(new Date("2026-06-30T17:30:00Z"))).toBe("2026-S2");
    expect(currentPeriod(new Date("2026-06-30T16:30:00Z"))).toBe("2026-S1");
    expect(selectablePeriods(new Date("2026-06-30T16:30:00Z"))[0]).toBe("2026-S1");
  });

  it("orders periods in time", () => {
    expect(isOlderPeriod("2025-S2", "2026-S1")).toBe(true);
    expect(isOlderPeriod("2026-S1", "2025-S2")).toBe(false);
    expect(isOlderPeriod("2026-S1", "2026-S1")).toBe(false);
  });
});

describe("the upload schema", () => {
  it("refuses a period that has not begun", () => {
    const next = currentPeriod().endsWith("S1") ? currentPeriod().replace("S1", "S2") : `${Number(currentPeriod().slice(0, 4)) + 1}-S1`;
    const result = importUploadSchema.safeParse({ source: "kemnaker-bu", period: next, fileName: "wlkp.csv" });
    expect(result.error!.issues.map((issue) => issue.message)).toEqual(["Periode ini belum berjalan: pilih periode berjalan atau sebelumnya."]);
  });

  it("accepts a source, a period and a .csv or .zip name, keeping only the file's own name", () => {
    expect(importUploadSchema.parse({ source: "kemnaker-bu", period: "2026-S1", fileName: "C:\\Data\\WLKP Jan.CSV" })).toEqual({
      source: "kemnaker-bu",
      period: "2026-S1",
      fileName: "WLKP Jan.CSV",
    });
    expect(importUploadSchema.parse({ source: "ahu-notaris", period: "2025-S2", fileName: "../../notaris.zip" }).fileName).toBe("notaris.zip");
    expect(importUploadSchema.parse({ source: "kemnaker-tk", period: "2025-S2", fileName: "tenaga-kerja.csv" }).source).toBe("kemnaker-tk");
  });

  it("says what is wrong with each field, in Indonesian", () => {
    const result = importUploadSchema.safeParse({ source: "pajak", period: "2026-3", fileName: "data.xlsx" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(messages).toEqual({
      source: "Pilih sumber data.",
      period: "Periode harus berformat TTTT-S1 atau TTTT-S2, mis. 2026-S1.",
      fileName: "Berkas harus berupa .csv atau .zip.",
    });
    expect(importUploadSchema.safeParse({ source: "bpjs-bu", period: "", fileName: "" }).error!.issues.map((i) => i.message)).toEqual([
      "Pilih periode.",
      "Pilih berkas.",
    ]);
    expect(importUploadSchema.safeParse({ source: "bpjs-bu", period: "2026-S1", fileName: ".csv" }).success).toBe(false);
    expect(importUploadSchema.safeParse({ source: "bpjs-bu", period: "2026-S1", fileName: "a\nb.csv" }).success).toBe(false);
  });

  it("round-trips through the upload's query string", () => {
    const query = uploadQuery({ source: "bpjs-peserta", period: "2026-S2", fileName: "Peserta & Keluarga ü.csv" });
    expect(parseUploadQuery(new URLSearchParams(query))).toMatchObject({
      success: true,
      data: { source: "bpjs-peserta", period: "2026-S2", fileName: "Peserta & Keluarga ü.csv" },
    });
    expect(parseUploadQuery(new URLSearchParams("")).success).toBe(false);
  });

  it("takes a file's own name from a path with either slash", () => {
    expect(baseFileName("/tmp/x/y.csv")).toBe("y.csv");
    expect(baseFileName("y.csv")).toBe("y.csv");
  });
});

describe("parseImportHistoryPage", () => {
  it("reads a positive page number and falls back to the first page", () => {
    expect(parseImportHistoryPage({ halaman: "3" })).toBe(3);
    expect(parseImportHistoryPage({ halaman: ["2", "5"] })).toBe(2);
    for (const value of [undefined, "", "0", "-1", "1.5", "abc", "1e9"]) expect(parseImportHistoryPage({ halaman: value })).toBe(1);
  });
});

describe("isSameOriginRequest", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("accepts a request from a page on the host it was sent to", () => {
    expect(isSameOriginRequest(headers({ origin: "http://localhost:3000", host: "localhost:3000", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(headers({ origin: "https://jangkau.bpjs.example", host: "127.0.0.1:3000", "x-forwarded-host": "jangkau.bpjs.example" }))).toBe(true);
  });

  it("refuses another site, a missing or opaque origin, and a browser that says cross-site", () => {
    expect(isSameOriginRequest(headers({ origin: "https://jahat.example", host: "localhost:3000" }))).toBe(false);
    expect(isSameOriginRequest(headers({ host: "localhost:3000" }))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "null", host: "localhost:3000" }))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "http://localhost:3000", host: "localhost:3000", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "http://localhost:3000", host: "localhost:3000", "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: "http://localhost:3000.jahat.example", host: "localhost:3000" }))).toBe(false);
  });
});
