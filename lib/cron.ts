/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), as SFTP pull
 * schedules are written: `*`, numbers, ranges `1-5`, lists `0,30` and steps `*\/15`, `8-17/2`.
 * Times are Asia/Jakarta (WIB, UTC+7 all year), the time zone partners and admins speak in.
 * Safe on both sides: the form validates with it, the worker's schedule tick matches with it.
 */

const FIELDS = [
  { name: "menit", min: 0, max: 59 },
  { name: "jam", min: 0, max: 23 },
  { name: "tanggal", min: 1, max: 31 },
  { name: "bulan", min: 1, max: 12 },
  // 7 is Sunday too, as in most crons.
  { name: "hari", min: 0, max: 7 },
] as const;

export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Cron's rule: when both day fields are restricted, either one matching is enough. */
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; message: string };

const WIB_OFFSET_MS = 7 * 60 * 60_000;

/** Parses a cron expression; the error message is Indonesian, for the form. */
export function parseCron(text: string): CronParseResult {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === "") {
    return { ok: false, message: "Jadwal harus berisi 5 bagian: menit jam tanggal bulan hari, mis. `0 6 * * *` (setiap hari pukul 06.00 WIB)." };
  }
  const sets: Set<number>[] = [];
  for (let i = 0; i < 5; i++) {
    const field = FIELDS[i]!;
    const values = parseField(parts[i]!, field.min, field.max);
    if (!values) return { ok: false, message: `Bagian ${field.name} (\`${parts[i]}\`) tidak sah: gunakan angka ${field.min}–${field.max}, *, rentang a-b, daftar a,b atau langkah */n.` };
    sets.push(values);
  }
  const weekdays = sets[4]!;
  if (weekdays.has(7)) weekdays.add(0);
  return {
    ok: true,
    schedule: {
      minutes: sets[0]!,
      hours: sets[1]!,
      days: sets[2]!,
      months: sets[3]!,
      weekdays,
      daysRestricted: parts[2] !== "*",
      weekdaysRestricted: parts[4] !== "*",
    },
  };
}

function parseField(text: string, min: number, max: number): Set<number> | null {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) return null;
    const step = match[4] === undefined ? 1 : Number(match[4]);
    let from = min;
    let to = max;
    if (match[1] !== "*") {
      from = Number(match[2]);
      to = match[3] === undefined ? (match[4] === undefined ? from : max) : Number(match[3]);
    }
    if (step < 1 || from < min || to > max || from > to) return null;
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/** True when the schedule fires in the minute `at` falls in (Asia/Jakarta). */
export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const wib = new Date(at.getTime() + WIB_OFFSET_MS);
  const day = schedule.days.has(wib.getUTCDate());
  const weekday = schedule.weekdays.has(wib.getUTCDay());
  const dayMatches =
    schedule.daysRestricted && schedule.weekdaysRestricted ? day || weekday : (!schedule.daysRestricted || day) && (!schedule.weekdaysRestricted || weekday);
  return schedule.minutes.has(wib.getUTCMinutes()) && schedule.hours.has(wib.getUTCHours()) && schedule.months.has(wib.getUTCMonth() + 1) && dayMatches;
}
