import { describe, expect, it } from "vitest";
import { calendarDateParser, type CalendarDateInvalidCode } from "@/lib/identifiers/calendar-date.ts";

const parse = calendarDateParser("Tanggal lahir", () => 2026);

describe("calendarDateParser: accepted", () => {
  it.each([
    ["17/08/1985", "1985-08-17"],
    ["17-08-1985", "1985-08-17"],
    ["17.08.1985", "1985-08-17"],
    ["1985-08-17", "1985-08-17"],
    ["1985/08/17", "1985-08-17"],
    ["1/3/2019", "2019-03-01"],
    ["7-12-2001", "2001-12-07"],
    ["  29/02/2000 ", "2000-02-29"],
    ["'17/08/1985", "1985-08-17"],
    ["1985-08-17 00:00:00", "1985-08-17"],
    ["1985-08-17T00:00:00.000+07:00", "1985-08-17"],
    ["17/08/1985 08:30", "1985-08-17"],
    ["31/12/2026", "2026-12-31"],
    ["01/01/1900", "1900-01-01"],
  ] as const)("%j → %j", (input, value) => {
    expect(parse(input)).toEqual({ kind: "ok", value });
  });

  it.each(["", "   ", "-", "NULL", null, undefined])("%j is empty", (input) => {
    expect(parse(input).kind).toBe("empty");
  });
});

describe("calendarDateParser: invalid, never guessed", () => {
  it.each([
    ["31276", "excel_serial"],
    [31276, "excel_serial"],
    ["17/08/85", "two_digit_year"],
    ["08/17/1985", "date"],
    ["31/04/2019", "date"],
    ["29/02/2019", "date"],
    ["29/02/1900", "date"],
    ["00/01/2019", "date"],
    ["17/13/1985", "date"],
    ["17/08/1899", "range"],
    ["01/01/2027", "range"],
    ["17/08-1985", "format"],
    ["17 Agustus 1985", "format"],
    ["19850817", "format"],
    ["17//08/1985", "format"],
    ["1985-08-17 pagi", "format"],
    ["17/08/19850", "format"],
    ["2019", "format"],
  ] as const)("%j → %s", (input, code: CalendarDateInvalidCode) => {
    const result = parse(input);
    expect(result).toMatchObject({ kind: "invalid", code });
    if (result.kind === "invalid") {
      expect(result.reason).toMatch(/^Tanggal lahir /);
      expect(result.reason).not.toContain(String(input));
    }
  });

  it("reads the last plausible year per call", () => {
    let latest = 2026;
    const start = calendarDateParser("Tanggal mulai bekerja", () => latest);
    expect(start("02/01/2027").kind).toBe("invalid");
    latest = 2027;
    expect(start("02/01/2027")).toEqual({ kind: "ok", value: "2027-01-02" });
  });
});
