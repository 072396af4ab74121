import "server-only";
import { CLOSED_STATUSES_SQL, todayWib } from "@/lib/leads/follow-up.ts";
import { listBalikanOverview } from "@/server/balikan/list-balikan-overview.ts";
import { BALIKAN_PARTNER_LABELS } from "@/lib/balikan.ts";
import { db } from "@/server/db/client.ts";
import { notifyAgreementTerms } from "./notify-agreement-terms.ts";
import { activeUsersWith, notifyUsers } from "./notify-users.ts";

// A balikan is announced this many days before it falls due, and every day once it is late.
const BALIKAN_NOTICE_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * The morning round (the queue's cron, 06:00 WIB): each officer hears of their open follow-ups
 * due today and overdue; admins hear of data balikan coming due or late, and of the partner
 * agreements' term (notify-agreement-terms.ts). Keyed by the day (or the stage), so a second run
 * the same day adds nothing.
 */
export async function notifyDaily(now: Date = new Date()): Promise<{ followUps: number; balikan: number; agreements: number }> {
  const today = todayWib(now);
  const due = await db.$queryRawUnsafe<{ user_id: string; due_today: number; overdue: number }[]>(
    `SELECT f.assigned_to_id::text AS user_id,
            count(*) FILTER (WHERE f.due_date = $1::date)::int AS due_today,
            count(*) FILTER (WHERE f.due_date < $1::date)::int AS overdue
     FROM lead_follow_up f JOIN app_user u ON u.id = f.assigned_to_id AND u.active
     WHERE f.status NOT IN (${CLOSED_STATUSES_SQL}) AND f.due_date <= $1::date
     GROUP BY f.assigned_to_id`,
    today,
  );
  const overview = await listBalikanOverview(now);
  return db.$transaction(async (tx) => {
    let followUps = 0;
    for (const row of due) {
      const parts = [
        row.due_today > 0 ? `${row.due_today.toLocaleString("id-ID")} jatuh tempo hari ini` : null,
        row.overdue > 0 ? `${row.overdue.toLocaleString("id-ID")} lewat tenggat` : null,
      ].filter(Boolean);
      followUps += await notifyUsers(tx, [row.user_id], {
        kind: "FOLLOW_UP_DUE",
        title: `Tindak lanjut: ${parts.join(", ")}`,
        href: row.overdue > 0 ? "/tindak-lanjut?tampil=terlambat" : "/tindak-lanjut",
        dedupeKey: `due:${today}`,
      });
    }
    let balikan = 0;
    const admins = await activeUsersWith(tx, "balikan.manage");
    for (const partner of overview) {
      for (const period of partner.periods) {
        if (!period.received || period.deliveredAt) continue;
        const dueAt = new Date(period.dueDate).getTime();
        if (!period.overdue && dueAt - now.getTime() > BALIKAN_NOTICE_DAYS * DAY_MS) continue;
        const dueDay = new Date(period.dueDate).toLocaleDateString("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta" });
        balikan += await notifyUsers(tx, admins, {
          kind: "BALIKAN_DUE",
          title: period.overdue
            ? `Data balikan ${BALIKAN_PARTNER_LABELS[partner.partner]} ${period.period} terlambat (tenggat ${dueDay})`
            : `Data balikan ${BALIKAN_PARTNER_LABELS[partner.partner]} ${period.period} jatuh tempo ${dueDay}`,
          href: "/balikan",
          // Late ones are repeated daily; upcoming ones once.
          dedupeKey: period.overdue ? `balikan:${partner.partner}:${period.period}:${today}` : `balikan:${partner.partner}:${period.period}`,
        });
      }
    }
    const agreements = await notifyAgreementTerms(tx, today);
    return { followUps, balikan, agreements };
  });
}
