import type { Metadata } from "next";
import { ChartTable } from "@/components/dashboard/chart-table.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { isMonevEmpty, MONEV_AGREEMENTS, MONEV_PARAMS, MONEV_PARTNER_LABELS, MONEV_PARTNERS, monevHref, monevYears, parseMonevQuery } from "@/lib/monev.ts";
import { monevChartTable, monevSections, monevTitle } from "@/lib/monev-sections.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { getMonevFigures } from "@/server/reports/get-monev-figures.ts";

export const metadata: Metadata = { title: "Laporan Monev" };

export default async function MonevReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { scope } = await requirePermission("reports.monev");
  const request = parseMonevQuery(await searchParams);
  const figures = await getMonevFigures({ ...request, scope });
  const agreement = MONEV_AGREEMENTS[request.partner];

  return (
    <>
      <PageHeader
        title="Laporan Monev"
        description="Monitoring dan evaluasi tahunan kerja sama data dengan mitra: data yang diterima, badan usaha dan prospek yang ditemukan, hasil tindak lanjut, perubahan cakupan, data balikan dan penggunaan web service."
      />
      <form method="get" action="/laporan" aria-label="Pilih laporan" className="mb-6 flex flex-wrap items-end gap-3">
        <Field id="laporan-mitra" label="Mitra" className="min-w-48">
          <select id="laporan-mitra" name={MONEV_PARAMS.partner} defaultValue={request.partner} className={inputClass}>
            {MONEV_PARTNERS.map((partner) => (
              <option key={partner} value={partner}>
                {MONEV_PARTNER_LABELS[partner]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="laporan-tahun" label="Tahun" className="min-w-32">
          <select id="laporan-tahun" name={MONEV_PARAMS.year} defaultValue={String(request.year)} className={inputClass}>
            {monevYears().map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className={buttonClass("secondary")}>
          Tampilkan
        </button>
      </form>

      <section aria-labelledby="laporan-judul" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="laporan-judul" className="text-lg font-semibold text-slate-900">
          {monevTitle(figures)}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {agreement.title}, {agreement.clause}. Periode {figures.periods.join(" dan ")}; wilayah: {figures.scopeLabel}.
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <a href={monevHref(request, "pdf")} className={buttonClass("primary")} download>
            Unduh PDF
          </a>
          <a href={monevHref(request, "xlsx")} className={buttonClass("secondary")} download>
            Unduh XLSX
          </a>
        </div>
      </section>

      {isMonevEmpty(figures) ? (
        <EmptyState title={`Belum ada data ${MONEV_PARTNER_LABELS[request.partner]} pada tahun ${request.year}`}>
          Tidak ada kiriman data, tindak lanjut, data balikan atau panggilan web service pada tahun ini{scope.kind === "all" ? "" : " di wilayah Anda"}. Pilih
          tahun atau mitra lain.
        </EmptyState>
      ) : (
        <div className="space-y-8">
          {monevSections(figures).map((section) => (
            <section key={section.id} aria-labelledby={`bagian-${section.id}`}>
              <h2 id={`bagian-${section.id}`} className="text-base font-semibold text-slate-900">
                {section.title}
              </h2>
              <p className="mt-1 text-sm text-slate-600">{section.unavailable ?? section.note}</p>
              {!section.unavailable &&
                (section.rows.length ? <ChartTable caption={section.title} table={monevChartTable(section)} /> : <p className="mt-2 text-sm text-slate-500">Tidak ada pada tahun ini.</p>)}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
