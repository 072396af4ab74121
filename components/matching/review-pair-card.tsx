import type { FormAction } from "@/components/ui/use-action-form.ts";
import { formatPercent, formatWib } from "@/lib/format.ts";
import { REVIEW_STATUS_LABELS, type ReviewDecisionOutcome, type ReviewPairDto } from "@/lib/match-review.ts";
import { comparisonRows, sourceLabelShort } from "./comparison-rows.ts";
import { ComparisonTable } from "./comparison-table.tsx";
import { ReviewDecisionButtons } from "./review-decision-buttons.tsx";

export interface ReviewPairCardProps {
  pair: ReviewPairDto;
  /** Absent for decided pairs: a decision is final here. */
  decideAction?: FormAction<ReviewDecisionOutcome>;
}

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
            Skor kecocokan <strong className="font-semibold text-slate-900">{formatPercent(pair.score)}</strong>
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
      <ComparisonTable
        rows={rows}
        caption={`Perbandingan catatan: ${title}`}
        leftHeader={`Catatan A${pair.left ? ` — ${sourceLabelShort(pair.left.source)}` : ""}`}
        rightHeader={`Catatan B${pair.right ? ` — ${sourceLabelShort(pair.right.source)}` : ""}`}
      />
    </article>
  );
}
