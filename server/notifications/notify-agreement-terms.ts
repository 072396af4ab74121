import "server-only";
import { agreementStatus, type AgreementStatus } from "@/lib/agreements.ts";
import { formatLongDay } from "@/lib/format.ts";
import { PARTNER_LABELS } from "@/lib/partner-api.ts";
import type { Tx } from "@/server/db/client.ts";
import { partnerAgreementDtoSelect, toPartnerAgreementDto } from "@/server/agreements/partner-agreement-dto.ts";
import type { NewNotification } from "./notify-users.ts";
import { activeUsersWith, notifyUsers } from "./notify-users.ts";

// The last reminder before an agreement ends: a month leaves time for an addendum's signatures.
const FINAL_REMINDER_DAYS = 30;

/**
 * The agreements' part of the morning round: admins hear once when an agreement enters its notice
 * window, again 30 days before its last day, once when it has ended, and once when it has no last
 * day entered. Each notice is keyed by the agreement and its last day, so correcting the date
 * starts the reminders afresh; only the most pressing stage is sent (a first run after the end
 * does not announce the notice window too).
 */
export async function notifyAgreementTerms(tx: Tx, today: string): Promise<number> {
  const agreements = (await tx.partnerAgreement.findMany({ select: partnerAgreementDtoSelect })).map(toPartnerAgreementDto);
  const admins = await activeUsersWith(tx, "agreements.manage");
  let sent = 0;
  for (const agreement of agreements) {
    const notice = agreementNotice(PARTNER_LABELS[agreement.partner], agreement.partner, agreementStatus(agreement, today));
    if (notice) sent += await notifyUsers(tx, admins, notice);
  }
  return sent;
}

function agreementNotice(label: string, partner: string, status: AgreementStatus): NewNotification | null {
  const base = { kind: "AGREEMENT_TERM", href: "/perjanjian" } as const;
  switch (status.kind) {
    case "unknown_end":
      return {
        ...base,
        title: `Tanggal berakhir PKS ${label} belum diisi`,
        body: "Isi tanggal berakhirnya di halaman Perjanjian Kerja Sama agar pengingat masa berlaku dan kunci API mitra mengikutinya.",
        dedupeKey: `agreement:${partner}:none`,
      };
    case "ended":
      return {
        ...base,
        title: `PKS ${label} berakhir ${formatLongDay(status.lastDay)}`,
        body: "Kunci API mitra ini ditolak sejak hari berikutnya. Bila perjanjian diperpanjang, perbarui tanggal berakhirnya.",
        dedupeKey: `agreement:${partner}:${status.lastDay}:ended`,
      };
    case "ending_soon":
      return status.daysLeft <= FINAL_REMINDER_DAYS
        ? {
            ...base,
            title: `PKS ${label} berakhir dalam ${status.daysLeft} hari (${formatLongDay(status.lastDay)})`,
            dedupeKey: `agreement:${partner}:${status.lastDay}:final`,
          }
        : {
            ...base,
            title: `PKS ${label} segera berakhir: bahas perpanjangan paling lambat ${formatLongDay(status.discussBy)}`,
            body: `Perjanjian berlaku sampai ${formatLongDay(status.lastDay)}.`,
            dedupeKey: `agreement:${partner}:${status.lastDay}:notice`,
          };
    case "in_force":
      return null;
  }
}
