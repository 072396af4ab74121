import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCount } from "@/lib/format.ts";
import { ChartCard } from "@/components/dashboard/chart-card.tsx";
import { ChartTable } from "@/components/dashboard/chart-table.tsx";
import { RefreshCoverageButton } from "@/components/dashboard/refresh-coverage-button.tsx";
import { DashboardBarChart, DashboardLineChart } from "@/components/dashboard/dashboard-charts.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { cn } from "@/components/ui/cn.ts";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { coverageChart, funnelChart, officerChart, trendChart } from "@/lib/dashboard/chart-data.ts";
import { coverageTable, formatCell, funnelTable, officerTable, sharePercent, trendTable } from "@/lib/dashboard/chart-tables.ts";
import { dashboardHref, downloadHref, MEASURE_LABELS, MEASURES, parseDashboardQuery, type Measure } from "@/lib/dashboard/coverage.ts";
import { coverageRow, type CoverageRow } from "@/lib/dashboard/coverage-table.ts";
import { notaryTable, type NotaryCoverage } from "@/lib/dashboard/notary-table.ts";
import { hasPermission } from "@/lib/permissions.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { resolveDashboardView } from "@/server/dashboard/get-coverage.ts";
import { getDashboard } from "@/server/dashboard/get-dashboard.ts";
import { refreshCoverageAction } from "./actions.ts";

export const metadata: Metadata = { title: "Dasbor Cakupan" };

const VALUE_LABELS: Record<Measure, string> = { "badan-usaha": "Jumlah badan usaha", pekerja: "Jumlah pekerja", "tenaga-kerja": "Jumlah tenaga kerja" };
const MEASURE_WORDS: Record<Measure, string> = { "badan-usaha": "badan usaha", pekerja: "pekerja", "tenaga-kerja": "tenaga kerja" };
const REGION_DESCRIPTIONS: Record<Measure, string> = {
  "badan-usaha": "Badan usaha menurut status kepesertaan JKN. Terdaftar aktif dan daftar sebagian dihitung sebagai cakupan.",
  pekerja:
    "Pekerja terdaftar JKN di badan usaha aktif, di badan usaha nonaktif, dan selisih yang belum terdaftar (potensi). Di tabel, keempat bagian dijumlah menjadi pekerja Kemnaker: potensi dihitung per badan usaha (tidak pernah di bawah 0, dan dari daftar pekerja bila Kemnaker mengirimnya), sehingga sisanya tercatat sebagai tak terinci — negatif bila BPJS mencatat lebih banyak pekerja terdaftar daripada jumlah Kemnaker atau jumlah Kemnaker tidak ada, positif bila daftar pekerja Kemnaker lebih pendek dari jumlah yang dilaporkannya.",
  "tenaga-kerja":
    "Tenaga kerja yang dilaporkan Kemnaker satu per satu (Lampiran I.2), menurut status JKN masing-masing: terdaftar di pemberi kerjanya, di pemberi kerja lain, di segmen lain, atau belum terdaftar.",
};

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { scope, actor } = await requirePermission("dashboard.read");
  const query = parseDashboardQuery(await searchParams);
  const view = await resolveDashboardView(scope, query.wilayah);
  if (!view) notFound();
  const measure = query.ukuran;
  const { coverage, breakdowns, trend, funnel, officers, notaries } = await getDashboard(view, measure);
  const total = coverageRow(coverage.total);
  const place = view.region?.name ?? view.breadcrumbs[0]!.name;
  const wilayah = view.region?.code ?? null;

  const header = (
    <>
      <PageHeader
        title="Dasbor Cakupan"
        description="Badan usaha dan pekerja yang sudah terdaftar JKN dibanding potensinya, dari data mitra (Kemnaker, AHU) dan registri BPJS setelah pencocokan terakhir. Klik nama wilayah untuk melihat rinciannya."
        actions={hasPermission(actor.role, "imports.manage") ? <RefreshCoverageButton action={refreshCoverageAction} /> : undefined}
      />
      <nav aria-label="Jejak wilayah" className="mb-4 text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-slate-600">
          {view.breadcrumbs.map((crumb, i) => {
            const last = i === view.breadcrumbs.length - 1;
            return (
              <li key={`${i}-${crumb.name}`} className="flex items-center gap-1">
                {i > 0 && <span aria-hidden="true">›</span>}
                {last ? (
                  <span aria-current="page" className="font-medium text-slate-900">
                    {crumb.name}
                  </span>
                ) : crumb.href ? (
                  <Link href={dashboardHref({ wilayah: crumb.code, ukuran: measure })} className="text-brand-700 underline">
                    {crumb.name}
                  </Link>
                ) : (
                  <span>{crumb.name}</span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
    </>
  );

  if (total.businesses === 0) {
    return (
      <>
        {header}
        <EmptyState title="Belum ada data — impor data mitra dan jalankan pencocokan">
          <p>
            Grafik cakupan dihitung setiap kali pencocokan entitas selesai. Setelah data Kemnaker, AHU, dan BPJS untuk {place} diimpor dan dicocokkan,
            angka-angkanya muncul di sini.
          </p>
        </EmptyState>
      </>
    );
  }

  const measureWord = MEASURE_WORDS[measure];
  // Kemnaker's worker rows exist for some businesses only: where none were matched there is
  // nothing to chart, which is not the same as nobody being registered.
  const noWorkerRows = measure === "tenaga-kerja" && total.workersListed === 0;
  const summary: [string, string][] =
    measure === "tenaga-kerja"
      ? [
          ["Tenaga kerja (data TK Kemnaker)", formatCount(total.workersListed)],
          ["Terdaftar di pemberi kerja ini", formatCount(total.workersHere)],
          ["Terdaftar di pemberi kerja lain atau segmen lain", formatCount(total.workersElsewhere + total.workersOtherSegment)],
          ["Belum terdaftar", formatCount(total.workersUnregistered)],
        ]
      : [
          ["Badan usaha", formatCount(total.businesses)],
          ["Cakupan BU (aktif + sebagian)", formatCell(sharePercent(total.coverage), "percent")],
          ["Pekerja terdaftar JKN", formatCount(total.registeredWorkers)],
          ["Potensi pekerja", formatCount(total.workerGap)],
        ];
  const regionRows: CoverageRow[] = coverage.units.map(coverageRow);
  const breakdownCards = breakdowns && [
    // Bars grow sideways, one row per label: in a half-width card, labels side by side under
    // upright bars ran into each other.
    { id: "skala", title: `Cakupan per skala usaha — ${place}`, header: "Skala usaha", axis: "Skala usaha", groups: breakdowns.scale, horizontal: true },
    { id: "kbli", title: `Cakupan per sektor KBLI — ${place}`, header: "Sektor KBLI", axis: "Kategori KBLI", groups: breakdowns.kbli, horizontal: true },
    {
      id: "sumber",
      title: `Badan usaha per sumber data — ${place}`,
      header: "Sumber data",
      axis: "Sumber data",
      groups: breakdowns.source,
      horizontal: true,
      description: "Badan usaha yang memiliki catatan terkini dari sumber itu; satu badan usaha dari tiga sumber dihitung di ketiganya.",
    },
  ] as const;

  return (
    <>
      {header}
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <dl className="grid flex-1 grid-cols-2 gap-3 md:grid-cols-4" aria-label={`Ringkasan cakupan ${place}`}>
          {summary.map(([term, value]) => (
            <div key={term} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
        {measure !== "tenaga-kerja" && (
          <p className="w-full text-sm text-slate-600 md:order-last" id="rincian-potensi">
            Pekerja Kemnaker {formatCount(total.workers)} = terdaftar JKN {formatCount(total.registeredWorkers)} + di BU nonaktif{" "}
            {formatCount(total.inactiveWorkers)} + potensi {formatCount(total.workerGap)} + tak terinci {formatCount(total.workersUnreconciled)}. Potensi
            dihitung per badan usaha; bagian tak terinci dijelaskan pada grafik per wilayah.
          </p>
        )}
        <nav aria-label="Ukuran grafik">
          <ul className="flex gap-2">
            {MEASURES.map((m) => (
              <li key={m}>
                <Link
                  href={dashboardHref({ wilayah, ukuran: m })}
                  aria-current={m === measure ? "page" : undefined}
                  className={cn(buttonClass(m === measure ? "primary" : "secondary"), "px-3 py-1.5")}
                >
                  {MEASURE_LABELS[m]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      <div className="space-y-6">
        {noWorkerRows && (
          <EmptyState title={`Belum ada data tenaga kerja Kemnaker untuk ${place}`}>
            <p>
              Status JKN per tenaga kerja dihitung dari data Tenaga Kerja Kemnaker (Lampiran I.2) setelah dicocokkan dengan data peserta BPJS. Grafik
              ini muncul setelah data itu diimpor dan pencocokan dijalankan.
            </p>
          </EmptyState>
        )}
        {regionRows.length > 0 && !noWorkerRows && (
          <ChartCard
            id="wilayah"
            title={`Terdaftar dan potensi ${measureWord} per ${view.unitLabel.toLowerCase()} — ${place}`}
            description={REGION_DESCRIPTIONS[measure]}
            downloadHref={downloadHref("wilayah", wilayah, measure)}
            table={coverageTable(view.unitLabel, regionRows, total, measure)}
          >
            <DashboardBarChart
              {...coverageChart(regionRows, measure)}
              stacked
              horizontal
              categoryAxisLabel={view.unitLabel}
              valueAxisLabel={VALUE_LABELS[measure]}
              ariaLabel={`Grafik batang bertumpuk ${measureWord} per ${view.unitLabel.toLowerCase()}`}
            />
          </ChartCard>
        )}

        {noWorkerRows ? null : breakdownCards ? (
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            {breakdownCards.map((card) => {
              const rows = card.groups.map(coverageRow);
              const chart = coverageChart(rows, measure);
              return (
                <div key={card.id} className={card.id === "kbli" ? "xl:col-span-2" : undefined}>
                  <ChartCard
                    id={card.id}
                    title={card.title}
                    description={"description" in card ? card.description : undefined}
                    downloadHref={downloadHref(card.id, wilayah, measure)}
                    table={rows.length > 0 ? coverageTable(card.header, rows, undefined, measure) : null}
                  >
                    {rows.length > 0 ? (
                      <DashboardBarChart
                        {...chart}
                        stacked
                        horizontal={card.horizontal}
                        categoryAxisLabel={card.axis}
                        valueAxisLabel={VALUE_LABELS[measure]}
                        ariaLabel={`Grafik batang bertumpuk ${measureWord} per ${card.axis.toLowerCase()}`}
                      />
                    ) : (
                      <p className="text-sm text-slate-600">Tidak ada data untuk grafik ini.</p>
                    )}
                  </ChartCard>
                </div>
              );
            })}
          </div>
        ) : (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
            Rincian per skala usaha, sektor KBLI, dan sumber data tersedia sampai tingkat kabupaten/kota.
          </p>
        )}

        <ChartCard
          id="tren"
          title={`Tren per periode impor — ${place}`}
          description={
            trend
              ? "Badan usaha (atau pekerjanya menurut jumlah pekerja Kemnaker) per status kepesertaan badan usaha, dihitung setelah pencocokan untuk setiap periode data."
              : "Tren per periode dihitung per provinsi; pilih tingkat provinsi untuk melihatnya."
          }
          downloadHref={trend && trend.length > 0 ? downloadHref("tren", wilayah) : null}
          table={trend && trend.length > 0 ? trendTable(trend) : null}
        >
          {trend && trend.length > 0 && (
            <>
              <DashboardLineChart
                {...trendChart(trend, measure)}
                categoryAxisLabel="Periode"
                valueAxisLabel={VALUE_LABELS[measure]}
                ariaLabel={`Grafik garis ${measureWord} per periode`}
              />
              {trend.length === 1 && <p className="text-sm text-slate-600">Baru ada satu periode data; garis tren muncul setelah periode berikutnya diimpor.</p>}
            </>
          )}
        </ChartCard>

        {notaries.total.total > 0 && <NotarySection notaries={notaries} place={place} />}

        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <ChartCard
            id="corong"
            title={`Corong tindak lanjut prospek — ${place}`}
            description="Prospek yang belum ditugaskan, dan yang sudah ditugaskan menurut sejauh mana tindak lanjutnya — dihitung sama seperti Kemajuan per petugas: Dihubungi mencakup yang sudah dikunjungi, menolak, atau terdaftar; Dikunjungi mencakup yang terdaftar."
            downloadHref={downloadHref("corong", wilayah)}
            table={funnelTable(funnel)}
          >
            <DashboardBarChart
              {...funnelChart(funnel)}
              horizontal
              categoryAxisLabel="Tahap tindak lanjut"
              valueAxisLabel="Jumlah prospek"
              ariaLabel="Grafik batang prospek per tahap tindak lanjut"
            />
          </ChartCard>
          <ChartCard
            id="petugas"
            title={`Kemajuan per petugas — ${place}`}
            description="Prospek yang ditugaskan kepada tiap petugas, dan berapa yang sudah dihubungi, dikunjungi, dan terdaftar."
            downloadHref={officers.length > 0 ? downloadHref("petugas", wilayah) : null}
            table={officers.length > 0 ? officerTable(officers) : null}
          >
            {officers.length > 0 ? (
              <DashboardBarChart
                {...officerChart(officers)}
                categoryAxisLabel="Petugas"
                valueAxisLabel="Jumlah prospek"
                ariaLabel="Grafik batang kemajuan tindak lanjut per petugas"
              />
            ) : (
              <p className="text-sm text-slate-600">Belum ada prospek yang ditugaskan kepada petugas di wilayah ini.</p>
            )}
          </ChartCard>
        </div>
      </div>
    </>
  );
}

/**
 * Notaries on their own: never part of the businesses' coverage above. Their leads (tidak aktif,
 * tidak terdaftar) are in Prospek under Jenis: Notaris.
 */
function NotarySection({ notaries, place }: { notaries: NotaryCoverage; place: string }) {
  const { total } = notaries;
  const table = notaryTable(notaries);
  const figures: [string, number][] = [
    ["Notaris", total.total],
    ["Terdaftar aktif", total.active],
    ["Tidak aktif", total.inactive],
    ["Tidak terdaftar", total.unregistered],
  ];
  return (
    <section aria-labelledby="notaris-judul" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="notaris-judul" className="text-lg font-semibold text-slate-900">
        Notaris — {place}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Notaris dari data AHU menurut kepesertaan JKN (data peserta BPJS, menurut NIK), dihitung terpisah dari badan usaha. Notaris tidak aktif dan
        tidak terdaftar menjadi prospek: {formatCount(total.assigned)} di antaranya sudah ditugaskan ke petugas.{" "}
        <Link href="/prospek?jenis=notaris" className="text-brand-700 underline">
          Lihat prospek notaris
        </Link>
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4" aria-label={`Ringkasan notaris ${place}`}>
        {figures.map(([term, value]) => (
          <div key={term} className="rounded-lg border border-slate-200 px-4 py-3">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900">{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      {table && table.rows.length > 0 && <ChartTable caption={`Notaris per wilayah — ${place}`} table={table} />}
    </section>
  );
}
