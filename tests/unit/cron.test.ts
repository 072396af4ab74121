import { describe, expect, it } from "vitest";
import { cronMatches, parseCron } from "@/lib/cron.ts";
import { createSftpEndpointSchema } from "@/lib/sftp.ts";

/** A WIB wall-clock time as the instant it is (WIB is UTC+7 all year). */
const wib = (iso: string) => new Date(`${iso}+07:00`);

function schedule(text: string) {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.schedule;
}

describe("parseCron", () => {
  it("reads minutes, hours, days, months and weekdays with *, ranges, lists and steps", () => {
    const s = schedule("*/15 8-17/3 1,15 * 1-5");
    expect([...s.minutes]).toEqual([0, 15, 30, 45]);
    expect([...s.hours]).toEqual([8, 11, 14, 17]);
    expect([...s.days]).toEqual([1, 15]);
    expect(s.months.size).toBe(12);
    expect([...s.weekdays]).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses what is not a five-field cron, in Indonesian, naming the field", () => {
    expect(parseCron("setiap hari")).toMatchObject({ ok: false, message: expect.stringMatching(/5 bagian/) });
    expect(parseCron("0 6 * *")).toMatchObject({ ok: false });
    expect(parseCron("60 6 * * *")).toMatchObject({ ok: false, message: expect.stringMatching(/Bagian menit/) });
    expect(parseCron("0 24 * * *")).toMatchObject({ ok: false, message: expect.stringMatching(/Bagian jam/) });
    expect(parseCron("0 6 0 * *")).toMatchObject({ ok: false, message: expect.stringMatching(/Bagian tanggal/) });
    expect(parseCron("0 6 * 13 *")).toMatchObject({ ok: false, message: expect.stringMatching(/Bagian bulan/) });
    expect(parseCron("0 6 * * 8")).toMatchObject({ ok: false, message: expect.stringMatching(/Bagian hari/) });
    expect(parseCron("*/0 * * * *")).toMatchObject({ ok: false });
    expect(parseCron("5-1 * * * *")).toMatchObject({ ok: false });
    expect(parseCron("@daily")).toMatchObject({ ok: false });
  });
});

describe("cronMatches", () => {
  it("fires in the WIB minute it names", () => {
    const daily = schedule("0 6 * * *");
    expect(cronMatches(daily, wib("2026-12-07T06:00:30"))).toBe(true);
    expect(cronMatches(daily, wib("2026-12-07T06:01:00"))).toBe(false);
    // 06.00 WIB is 23.00 UTC the day before.
    expect(cronMatches(daily, new Date("2026-12-06T23:00:00Z"))).toBe(true);
  });

  it("takes 7 as Sunday, and either day field when both are restricted, as cron does", () => {
    // 2026-12-06 is a Sunday, 2026-12-07 a Monday.
    expect(cronMatches(schedule("0 7 * * 7"), wib("2026-12-06T07:00:00"))).toBe(true);
    expect(cronMatches(schedule("0 7 * * 1"), wib("2026-12-06T07:00:00"))).toBe(false);
    const firstOrMonday = schedule("0 7 1 * 1");
    expect(cronMatches(firstOrMonday, wib("2026-12-07T07:00:00"))).toBe(true);
    expect(cronMatches(firstOrMonday, wib("2026-12-01T07:00:00"))).toBe(true);
    expect(cronMatches(firstOrMonday, wib("2026-12-02T07:00:00"))).toBe(false);
  });
});

describe("an SFTP endpoint's pull schedule", () => {
  const base = {
    name: "kemnaker-jadwal",
    host: "sftp.example.go.id",
    port: "22",
    username: "bpjs",
    authKind: "PASSWORD",
    password: "rahasia",
    privateKey: "",
    passphrase: "",
    remoteDir: ".",
    filePattern: "*.csv",
    source: "kemnaker-bu",
  };

  it("is optional, kept in a normal form when valid, and refused with the reason when not", () => {
    expect(createSftpEndpointSchema.parse({ ...base, pullSchedule: "" }).pullSchedule).toBeNull();
    expect(createSftpEndpointSchema.parse({ ...base, pullSchedule: "  0   6 * * 1-5 " }).pullSchedule).toBe("0 6 * * 1-5");
    const refused = createSftpEndpointSchema.safeParse({ ...base, pullSchedule: "0 25 * * *" });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]).toMatchObject({ path: ["pullSchedule"], message: expect.stringMatching(/Bagian jam/) });
  });
});
