import { formatDay, formatWib } from "@/lib/format.ts";
import { ACTIVITY_KIND_LABELS, FOLLOW_UP_STATUS_LABELS } from "@/lib/leads/follow-up.ts";
import type { LeadActivityDto } from "@/server/leads/get-lead-detail.ts";

/** The lead's history, newest first: what was done, when, by whom, and status moves. */
export function ActivityTimeline({ activities }: { activities: readonly LeadActivityDto[] }) {
  if (activities.length === 0) {
    return <p className="text-sm text-slate-600">Belum ada kegiatan tindak lanjut.</p>;
  }
  return (
    <ol className="space-y-3" aria-label="Riwayat tindak lanjut">
      {activities.map((a) => (
        <li key={a.id} className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-medium text-slate-900">
              {ACTIVITY_KIND_LABELS[a.kind]} · {formatDay(a.occurredOn)}
              {a.statusTo && (
                <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">
                  {a.statusFrom ? `${FOLLOW_UP_STATUS_LABELS[a.statusFrom]} → ` : ""}
                  {FOLLOW_UP_STATUS_LABELS[a.statusTo]}
                </span>
              )}
            </p>
            <p className="text-xs text-slate-500">
              {a.actorUsername} · dicatat {formatWib(a.createdAt)}
            </p>
          </div>
          {a.outcome && <p className="mt-1 text-slate-800">{a.outcome}</p>}
          {a.note && <p className="mt-1 whitespace-pre-line text-slate-600">{a.note}</p>}
        </li>
      ))}
    </ol>
  );
}
