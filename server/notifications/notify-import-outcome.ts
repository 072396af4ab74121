import "server-only";
import { SOURCE_LABELS, type SourceId } from "@/lib/sources.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { maskPersonalText } from "@/lib/personal-data.ts";
import { activeUsersWith, notifyUsers } from "./notify-users.ts";

export interface ImportOutcome {
  /** One notice per import: the import job's id, or the pulled file's identity. */
  key: string;
  source: string;
  period: string;
  fileName: string | null;
  actor: AuditActor;
  /** Null when it succeeded. */
  failure: string | null;
  accepted?: number;
  rejected?: number;
}

/**
 * Tells whoever started an import how it ended; an import nobody started by hand (a scheduled
 * SFTP pull, the command line) goes to every admin. Failures name their reason, masked by the one
 * rule: a refusal message may quote a cell. A notice that cannot be written is logged, never the
 * import's failure: the data is in either way.
 */
export async function notifyImportOutcome(outcome: ImportOutcome): Promise<void> {
  await writeNotice(outcome).catch((error: unknown) => console.error("[impor] Pemberitahuan impor tidak dapat dicatat", error));
}

async function writeNotice(outcome: ImportOutcome): Promise<void> {
  const label = SOURCE_LABELS[outcome.source as SourceId] ?? outcome.source;
  const file = outcome.fileName ? `${outcome.fileName} — ` : "";
  await db.$transaction(async (tx) => {
    const starter = outcome.actor.id ? await tx.user.findFirst({ where: { id: outcome.actor.id, active: true }, select: { id: true } }) : null;
    const recipients = starter ? [starter.id] : await activeUsersWith(tx, "imports.manage");
    await notifyUsers(
      tx,
      recipients,
      outcome.failure === null
        ? {
            kind: "IMPORT_FINISHED",
            title: `Impor selesai: ${file}${label} ${outcome.period}`,
            body: `${(outcome.accepted ?? 0).toLocaleString("id-ID")} baris diterima, ${(outcome.rejected ?? 0).toLocaleString("id-ID")} ditolak.`,
            href: "/impor",
            dedupeKey: `import:${outcome.key}`,
          }
        : {
            kind: "IMPORT_FAILED",
            title: `Impor gagal: ${file}${label} ${outcome.period}`,
            body: maskPersonalText(outcome.failure).slice(0, 500),
            href: "/impor",
            dedupeKey: `import:${outcome.key}`,
          },
    );
  });
}
