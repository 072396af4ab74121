import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/server/config.ts";
import { db } from "@/server/db/client.ts";

// A minute's worth: the cron runs every minute, and a backlog drains over a few runs.
const BATCH = 200;

let transport: { url: string; transporter: Transporter } | null = null;

function transporter(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/**
 * The outbox: sends the notices marked for mail, oldest first, each to its user's chosen address,
 * and clears the mark. Without SMTP configured nothing is marked and this does nothing. A user
 * without an address is skipped (cleared, not sent). A failed send keeps its mark, so the next
 * run tries again; the error names no address.
 */
export async function sendNotificationMails(): Promise<{ sent: number; skipped: number; failed: number }> {
  const { JANGKAU_SMTP_URL: url, JANGKAU_MAIL_FROM: from, NEXTAUTH_URL, PORT } = config();
  if (!url) return { sent: 0, skipped: 0, failed: 0 };
  // The address users reach the app at; a worker started beside the server gets the same default.
  const base = NEXTAUTH_URL ?? `http://localhost:${PORT}`;
  const sender = from ?? `jangkau@${new URL(base).hostname}`;
  const pending = await db.notification.findMany({
    where: { mailPending: true },
    orderBy: { id: "asc" },
    take: BATCH,
    select: { id: true, title: true, body: true, href: true, userId: true },
  });
  if (pending.length === 0) return { sent: 0, skipped: 0, failed: 0 };
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(pending.map((n) => n.userId))] } },
    select: { id: true, name: true, notifyEmail: true, active: true },
  });
  const byId = new Map(users.map((user) => [user.id, user]));
  let sent = 0;
  let skipped = 0;
  let failed = 0;
  for (const notice of pending) {
    const user = byId.get(notice.userId);
    if (!user?.active || !user.notifyEmail) {
      await db.notification.update({ where: { id: notice.id }, data: { mailPending: false } });
      skipped++;
      continue;
    }
    const link = notice.href ? new URL(notice.href, base).toString() : base;
    try {
      await transporter(url).sendMail({
        from: sender,
        to: user.notifyEmail,
        subject: `[Jangkau] ${notice.title}`,
        // Plain text: what the inbox shows, and the link. Nothing that is not already in the notice.
        text: [`Yth. ${user.name},`, "", notice.title, notice.body ?? "", "", `Buka di Jangkau: ${link}`, "", "Pesan otomatis dari Jangkau, BPJS Kesehatan."]
          .filter((line, i, all) => line !== "" || all[i - 1] !== "")
          .join("\n"),
      });
      await db.notification.update({ where: { id: notice.id }, data: { mailPending: false, mailedAt: new Date() } });
      sent++;
    } catch (error) {
      failed++;
      console.error(`[jangkau] Surel pemberitahuan #${notice.id} gagal dikirim: ${error instanceof Error ? error.message.replace(/\S+@\S+/g, "<alamat>") : "galat"}`);
    }
  }
  return { sent, skipped, failed };
}
