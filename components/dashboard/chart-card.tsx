import type { ChartTable as ChartTableData } from "@/lib/dashboard/chart-tables.ts";
import { buttonClass } from "@/components/ui/button.tsx";
import { ChartTable } from "./chart-table.tsx";

/**
 * One dashboard chart with its numbers: title, what it shows, the chart, the same figures as a
 * table (for screen readers, keyboards and anyone who wants the exact values) and the CSV.
 */
export function ChartCard({
  id,
  title,
  description,
  downloadHref,
  table,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  downloadHref: string | null;
  table: ChartTableData | null;
  children?: React.ReactNode;
}) {
  const headingId = `${id}-judul`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:p-5" data-chart={id}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p>}
        </div>
        {downloadHref && table && (
          <a href={downloadHref} className={buttonClass("secondary", "px-3 py-1.5")} download>
            Unduh CSV<span className="sr-only">: {title}</span>
          </a>
        )}
      </div>
      {children}
      {table && <ChartTable caption={`Tabel: ${title}`} table={table} />}
    </section>
  );
}
