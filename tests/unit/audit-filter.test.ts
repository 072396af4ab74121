import { describe, expect, it } from "vitest";
import {
  auditDateRange,
  auditFilterSearchParams,
  describeAuditFilter,
  isAuditFilterEmpty,
  jakartaIsoDate,
  jakartaIsoDateTime,
  parseAuditFilter,
  startOfJakartaDay,
} from "@/lib/audit-filter.ts";

describe("parseAuditFilter", () => {
  it("reads every filter from the Indonesian parameter names", () => {
    const filter = parseAuditFilter(
      new URLSearchParams({
        pelaku: " budi ",
        aksi: "user.create",
        objek: "user",
        id_objek: "0b8f0000-0000-4000-8000-000000000001",
        hasil: "DENIED",
        dari: "2026-11-01",
        sampai: "2026-11-21",
        sebelum: "12345",
      }),
    );
    expect(filter).toEqual({
      actor: "budi",
      action: "user.create",
      objectType: "user",
      objectId: "0b8f0000-0000-4000-8000-000000000001",
      outcome: "DENIED",
      from: "2026-11-01",
      to: "2026-11-21",
      before: "12345",
    });
  });

  it("treats a missing, empty or invalid value as not set instead of failing", () => {
    const filter = parseAuditFilter({
      pelaku: "",
      aksi: "user.delete_everything",
      hasil: "success",
      dari: "2026-02-30",
      sampai: "21-11-2026",
      sebelum: "-5",
      unknown: "ignored",
    });
    expect(filter).toEqual({
      actor: undefined,
      action: undefined,
      objectType: undefined,
      objectId: undefined,
      outcome: undefined,
      from: undefined,
      to: undefined,
      before: undefined,
    });
    expect(isAuditFilterEmpty(filter)).toBe(true);
  });

  it("takes the first of repeated parameters, as a page's searchParams hands them over", () => {
    expect(parseAuditFilter({ pelaku: ["ani", "budi"] }).actor).toBe("ani");
    expect(parseAuditFilter(new URLSearchParams("hasil=FAILURE&hasil=SUCCESS")).outcome).toBe("FAILURE");
  });

  it("refuses page positions that are not a bigint id", () => {
    expect(parseAuditFilter({ sebelum: "0" }).before).toBeUndefined();
    expect(parseAuditFilter({ sebelum: "1e5" }).before).toBeUndefined();
    expect(parseAuditFilter({ sebelum: "9".repeat(19) }).before).toBeUndefined();
    expect(parseAuditFilter({ sebelum: "9".repeat(18) }).before).toBe("9".repeat(18));
  });

  it("caps free text so a URL cannot smuggle in a novel", () => {
    expect(parseAuditFilter({ pelaku: "x".repeat(101) }).actor).toBeUndefined();
  });
});

describe("auditFilterSearchParams", () => {
  it("round-trips a filter through the URL, leaving unset fields out", () => {
    const filter = parseAuditFilter({ pelaku: "ani", hasil: "SUCCESS", dari: "2026-11-01", sebelum: "99" });
    const params = auditFilterSearchParams(filter);
    expect(params.toString()).toBe("pelaku=ani&hasil=SUCCESS&dari=2026-11-01&sebelum=99");
    expect(parseAuditFilter(params)).toEqual(filter);
  });

  it("moves or drops the page position", () => {
    const filter = parseAuditFilter({ aksi: "auth.sign_in", sebelum: "99" });
    expect(auditFilterSearchParams(filter, { before: "42" }).toString()).toBe("aksi=auth.sign_in&sebelum=42");
    expect(auditFilterSearchParams(filter, { before: null }).toString()).toBe("aksi=auth.sign_in");
  });

  it("describes a filter without its page position for the audit record", () => {
    const filter = parseAuditFilter({ aksi: "auth.sign_in", sebelum: "99" });
    expect(describeAuditFilter(filter)).toEqual({ action: "auth.sign_in" });
    expect(isAuditFilterEmpty(parseAuditFilter({ sebelum: "99" }))).toBe(true);
  });
});

describe("Asia/Jakarta days", () => {
  it("starts a WIB day at 17:00 UTC the day before", () => {
    expect(startOfJakartaDay("2026-11-21").toISOString()).toBe("2026-11-20T17:00:00.000Z");
    expect(startOfJakartaDay("2027-01-01").toISOString()).toBe("2026-12-31T17:00:00.000Z");
  });

  it("covers from the start of `from` up to, not including, the day after `to`", () => {
    const range = auditDateRange({ from: "2026-11-01", to: "2026-11-21" });
    expect(range.gte?.toISOString()).toBe("2026-10-31T17:00:00.000Z");
    expect(range.lt?.toISOString()).toBe("2026-11-21T17:00:00.000Z");
    expect(auditDateRange({ from: undefined, to: undefined })).toEqual({});
    expect(auditDateRange({ from: undefined, to: "2024-02-29" })).toEqual({ lt: new Date("2024-02-29T17:00:00.000Z") });
  });

  it("names the WIB calendar date and wall-clock time of an instant", () => {
    // 23:30 UTC is already the next morning in Jakarta.
    expect(jakartaIsoDate(new Date("2026-11-20T23:30:00Z"))).toBe("2026-11-21");
    expect(jakartaIsoDate(new Date("2026-11-20T16:59:59Z"))).toBe("2026-11-20");
    expect(jakartaIsoDateTime(new Date("2026-11-20T23:30:05.123Z"))).toBe("2026-11-21 06:30:05");
  });
});
