import { describe, expect, it } from "vitest";
import { isMobile, maskPhone, parsePhone, type PhoneInvalidCode, type PhoneLineType } from "@/lib/identifiers/phone.ts";

describe("parsePhone: accepted", () => {
  it.each([
    // One mobile number, every way partners write it.
    ["081234567890", "+6281234567890", "mobile"],
    ["0812-3456-7890", "+6281234567890", "mobile"],
    ["0812 3456 7890", "+6281234567890", "mobile"],
    ["0812.3456.7890", "+6281234567890", "mobile"],
    ["+6281234567890", "+6281234567890", "mobile"],
    ["+62 812-3456-7890", "+6281234567890", "mobile"],
    ["(+62) 812 3456 7890", "+6281234567890", "mobile"],
    ["6281234567890", "+6281234567890", "mobile"],
    ["62 812 3456 7890", "+6281234567890", "mobile"],
    ["+62 0812 3456 7890", "+6281234567890", "mobile"],
    ["0062 812 3456 7890", "+6281234567890", "mobile"],
    ["81234567890", "+6281234567890", "mobile"],
    ["'081234567890", "+6281234567890", "mobile"],
    // Mobile length limits: 10–13 digits with the leading 0.
    ["0812345678", "+62812345678", "mobile"],
    ["0812345678901", "+62812345678901", "mobile"],
    ["0895 1234 5678", "+6289512345678", "mobile"],
    // Landlines: 2- and 3-digit area codes, 5–8 digit subscribers.
    ["(022) 1234567", "+62221234567", "landline"],
    ["021-1234567", "+62211234567", "landline"],
    ["(021) 2345 6789", "+622123456789", "landline"],
    ["62 22 1234567", "+62221234567", "landline"],
    ["+62 (0)22 1234567", "+62221234567", "landline"],
    ["+62-274-512345", "+62274512345", "landline"],
    ["(0274) 512345", "+62274512345", "landline"],
    ["0361 223344", "+62361223344", "landline"],
    ["0911-21234", "+6291121234", "landline"],
    ["(0251) 8312345", "+622518312345", "landline"],
    // 080x: toll-free and premium.
    ["0800-1-234567", "+628001234567", "nonGeographic"],
    ["0807 1 234 567", "+628071234567", "nonGeographic"],
  ] as const)("%j → %j (%s)", (input, value, lineType: PhoneLineType) => {
    expect(parsePhone(input)).toEqual({ kind: "ok", value, lineType });
  });

  it.each([
    [6281234567890, "+6281234567890"],
    [81234567890, "+6281234567890"],
    [62221234567, "+62221234567"],
  ])("accepts the number %d", (input, value) => {
    expect(parsePhone(input)).toMatchObject({ kind: "ok", value });
  });

  it.each([null, undefined, "", "   ", "-", "—", "NULL", "tidak ada"])("%j is empty", (input) => {
    expect(parsePhone(input)).toEqual({ kind: "empty" });
  });
});

describe("parsePhone: rejected", () => {
  const cases: [input: string | number, code: PhoneInvalidCode][] = [
    ["6.28123E+12", "excel_scientific"],
    ["8,12346E+10", "excel_scientific"],
    ["0812-3456-7890 ext 12", "characters"],
    ["021-1234567 psw. 123", "characters"],
    ["0812abc", "characters"],
    ["+62+812345678", "characters"],
    ["0812+345678", "characters"],
    ["()", "characters"],
    [8.5, "characters"],
    [-81234567890, "characters"],
    ["0812345678, 0813345678", "multiple"],
    ["021-1234567; 021-7654321", "multiple"],
    ["(021) 1234567 / 1234568", "multiple"],
    ["0812345678\n0813345678", "multiple"],
    ["0".repeat(41), "too_long"],
    ["+65 6123 4567", "foreign"],
    ["+1 415 555 0100", "foreign"],
    ["0065 6123 4567", "foreign"],
    ["5551234", "prefix"],
    ["221234567", "prefix"],
    ["+620", "prefix"],
    ["+62", "prefix"],
    ["62 00 1234567", "prefix"],
    ["14045", "service_number"],
    ["1500-123", "service_number"],
    ["112", "service_number"],
    ["+62 14045", "service_number"],
    ["081234567", "length"],
    ["08123456789012", "length"],
    ["+62 812 345", "length"],
    ["02112345", "length"],
    ["021123456789", "length"],
    ["080012345", "length"],
  ];

  it.each(cases)("%j → %s", (input, code) => {
    const result = parsePhone(input);
    expect(result).toMatchObject({ kind: "invalid", code });
    // Reasons end up in import reports: they never echo the number.
    const digits = String(input).replace(/\D/g, "");
    if (result.kind === "invalid" && digits.length >= 6) expect(result.reason).not.toContain(digits);
  });

  it("covers every invalid code", () => {
    const all = {
      excel_scientific: true,
      characters: true,
      multiple: true,
      too_long: true,
      foreign: true,
      prefix: true,
      service_number: true,
      length: true,
    } satisfies Record<PhoneInvalidCode, true>;
    expect(new Set(cases.map(([, code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it.each([
    ["081234567", "Nomor seluler harus 10–13 digit termasuk 0 di depan (ditemukan 9 digit)"],
    ["02112345", "Nomor telepon tetap harus 9–11 digit termasuk kode wilayah (ditemukan 8 digit)"],
    ["080012345", "Nomor bebas pulsa/premium harus 10–12 digit termasuk 0 (ditemukan 9 digit)"],
  ])("explains the length rule for %j", (input, reason) => {
    expect(parsePhone(input)).toMatchObject({ reason });
  });
});

describe("isMobile", () => {
  it.each([
    ["+6281234567890", true],
    ["+62812345678", true],
    ["+62221234567", false],
    ["+628001234567", false],
    ["081234567890", false],
    ["+628", false],
    ["", false],
  ] as const)("%j → %s", (e164, expected) => {
    expect(isMobile(e164)).toBe(expected);
  });

  it("agrees with parsePhone", () => {
    for (const input of ["0812 3456 7890", "(022) 1234567", "0800-1-234567"]) {
      const result = parsePhone(input);
      if (result.kind !== "ok") throw new Error(input);
      expect(isMobile(result.value)).toBe(result.lineType === "mobile");
    }
  });
});

describe("maskPhone", () => {
  it.each([
    ["+6281234567890", "+62812•••••890"],
    ["+62221234567", "+62221•••567"],
    ["+62812345", "+62••••••"],
    ["081234567890", "081••••••890"],
    ["", ""],
  ])("%j → %j", (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });
});
