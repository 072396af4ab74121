import { describe, expect, it } from "vitest";
import { BALIKAN_PASSWORD_ALPHABET, balikanDueDate, KEMNAKER_HEADERS, nationalPhone } from "@/lib/balikan.ts";

describe("data balikan rules", () => {
  it("dates a period's balikan at the end of the following semester", () => {
    expect(balikanDueDate("2025-S1").toISOString().slice(0, 10)).toBe("2025-12-31");
    expect(balikanDueDate("2025-S2").toISOString().slice(0, 10)).toBe("2026-06-30");
    expect(() => balikanDueDate("2025-S3")).toThrow();
  });

  it("writes telephone numbers in the national form partners keep as text", () => {
    expect(nationalPhone("+6281234567890")).toBe("081234567890");
    expect(nationalPhone("+62221234567")).toBe("0221234567");
    expect(nationalPhone(null)).toBe("");
  });

  it("uses a password alphabet without look-alike characters", () => {
    expect(BALIKAN_PASSWORD_ALPHABET).not.toMatch(/[0O1lIi5S2Z8Bo]/);
    expect(new Set(BALIKAN_PASSWORD_ALPHABET).size).toBe(BALIKAN_PASSWORD_ALPHABET.length);
  });

  it("keeps Lampiran II.1's 22 fields in the agreement's order", () => {
    expect(KEMNAKER_HEADERS).toHaveLength(22);
    expect(KEMNAKER_HEADERS[0]).toBe("Nomor Induk Berusaha (NIB)");
    expect(KEMNAKER_HEADERS.slice(-2)).toEqual(["Status Terdaftar JKN", "Status Keaktifan Badan Usaha"]);
  });
});
