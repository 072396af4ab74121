import Link from "next/link";
import { formatCell, type ChartTable } from "@/lib/dashboard/chart-tables.ts";
import { buttonClass } from "@/components/ui/button.tsx";

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
  table: ChartTable | null;
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
      {table && <DataTable caption={`Tabel: ${title}`} table={table} />}
    </section>
  );
}

function DataTable({ caption, table }: { caption: string; table: ChartTable }) {
  const align = (i: number) => (table.kinds[i] === "text" ? "text-left" : "text-right tabular-nums");
  return (
    // Focusable and named, so a keyboard can scroll the columns a narrow card cannot show.
    <div className="mt-4 overflow-x-auto" tabIndex={0} role="group" aria-label={caption}>
      <table className="min-w-full border-collapse whitespace-nowrap text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 bg-slate-50">
            {table.headers.map((header, i) => (
              <th key={header} scope="col" className={`px-2 py-2 font-medium text-slate-700 ${align(i)}`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-100">
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="px-2 py-1.5 text-left font-normal text-slate-900">
                    {row.href ? (
                      <Link href={row.href} className="font-medium text-brand-700 underline">
                        {formatCell(cell, table.kinds[i]!)}
                      </Link>
                    ) : (
                      formatCell(cell, table.kinds[i]!)
                    )}
                  </th>
                ) : (
                  <td key={i} className={`px-2 py-1.5 text-slate-800 ${align(i)}`}>
                    {formatCell(cell, table.kinds[i]!)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {table.footer && (
          <tfoot>
            <tr className="border-t-2 border-slate-300 font-semibold">
              {table.footer.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="px-2 py-1.5 text-left">
                    {formatCell(cell, table.kinds[i]!)}
                  </th>
                ) : (
                  <td key={i} className={`px-2 py-1.5 ${align(i)}`}>
                    {formatCell(cell, table.kinds[i]!)}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
