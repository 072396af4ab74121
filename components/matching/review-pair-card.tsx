import { formatWib } from "@/components/audit/format-time.ts";
import { cn } from "@/components/ui/cn.ts";
import type { FormAction } from "@/components/ui/use-action-form.ts";
import { formatScore, REVIEW_STATUS_LABELS, type ReviewDecisionOutcome, type ReviewPairDto } from "@/lib/match-review.ts";
import { comparisonRows, sourceLabelShort, type Verdict } from "./comparison-rows.ts";
import { ReviewDecisionButtons } from "./review-decision-buttons.tsx";

export interface ReviewPairCardProps {
  pair: ReviewPairDto;
  /** Absent for decided pairs: a decision is final here. */
  decideAction?: FormAction<ReviewDecisionOutcome>;
}

const VERDICT: Record<Exclude<Verdict, null>, { label: string; row: string; badge: string }> = {
  agree: { label: "Sama", row: "bg-emerald-50", badge: "bg-emerald-100 text-emerald-800" },
  disagree: { label: "Berbeda", row: "bg-amber-50", badge: "bg-amber-100 text-amber-900" },
};

/** One grey-zone pair: both source records side by side, the matcher's verdict per field, the decision. */
export function ReviewPairCard({ pair, decideAction }: ReviewPairCardProps) {
  const headingId = `pasangan-${pair.id}`;
  const title = `${pair.left?.name ?? "?"} — ${pair.right?.name ?? "?"}`;
  const rows = comparisonRows(pair);
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            Skor kecocokan <strong className="font-semibold text-slate-900">{formatScore(pair.score)}</strong>
            {pair.regency && <> · {pair.regency.name}</>}
          </p>
        </div>
        {pair.status === "PENDING" && decideAction ? (
          <ReviewDecisionButtons pair={{ id: pair.id, title }} decideAction={decideAction} />
        ) : (
          <p className="text-sm text-slate-700">
            <span className="font-medium">{REVIEW_STATUS_LABELS[pair.status]}</span>
            {pair.decidedBy && <> oleh {pair.decidedBy}</>}
            {pair.decidedAt && <>, {formatWib(pair.decidedAt)}</>}
          </p>
        )}
      </header>
      {pair.note && (
        <p className="border-b border-slate-200 px-4 py-2 text-sm text-slate-700">
          <span className="font-medium">Catatan:</span> {pair.note}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Perbandingan catatan: {title}</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="w-40 px-4 py-2 font-medium">
                Kolom
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Catatan A{pair.left && ` — ${sourceLabelShort(pair.left.source)}`}
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Catatan B{pair.right && ` — ${sourceLabelShort(pair.right.source)}`}
              </th>
              <th scope="col" className="w-44 px-4 py-2 font-medium">
                Pencocokan
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.label} className={cn(row.verdict && VERDICT[row.verdict].row)}>
                <th scope="row" className="px-4 py-2 align-top font-medium text-slate-700">
                  {row.label}
                </th>
                <td className="px-4 py-2 align-top break-words text-slate-900">{row.left ?? <Missing />}</td>
                <td className="px-4 py-2 align-top break-words text-slate-900">{row.right ?? <Missing />}</td>
                <td className="px-4 py-2 align-top text-slate-600">
                  {row.verdict && (
                    <span className={cn("mr-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium", VERDICT[row.verdict].badge)}>
                      {VERDICT[row.verdict].label}
                    </span>
                  )}
                  {row.note && <span className="text-xs">{row.note}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

function Missing() {
  return <span className="text-slate-400">—</span>;
}
