import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";
import { cn } from "@/components/ui/cn.ts";
import { PageLinks } from "@/components/ui/page-links.tsx";
import {
  WORKER_STATUS_LABELS,
  workerCountOf,
  workerExportHref,
  workerListHref,
  WORKER_STATUSES,
  WORKERS_SECTION_ID,
  type WorkerListQuery,
  type WorkerStatusValue,
} from "@/lib/leads/worker-status.ts";
import type { BusinessWorkers } from "@/server/leads/find-business-workers.ts";
import { formatNumber } from "@/lib/format.ts";
import { WorkerTable } from "./worker-table.tsx";

/**
 * "Pekerja" on the lead page: the business's Kemnaker workers with their JKN status. The
 * summary figures are also the status filter (each a link), the table pages by links, so the
 * URL holds the view (`?pekerja=belum-terdaftar&halaman_pekerja=2#pekerja`). The export of the
 * workers not registered here — the list for the letter to the employer — is offered to roles
 * that export.
 */
export function WorkersSection({
  businessId,
  workers,
  query,
  canExport,
}: {
  businessId: string;
  workers: BusinessWorkers;
  query: WorkerListQuery;
  canExport: boolean;
}) {
  const basePath = `/prospek/${businessId}`;
  const { counts } = workers;
  const title = `Pekerja${counts ? ` (${formatNumber(counts.listed)})` : ""}`;
  return (
    <section id={WORKERS_SECTION_ID} aria-label="Pekerja" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      {counts === null ? (
        <p className="text-sm text-slate-600">
          Kemnaker belum mengirim data tenaga kerja (Lampiran I.2) untuk badan usaha ini, sehingga status JKN tiap pekerjanya belum diketahui.
        </p>
      ) : (
        <>
          <nav aria-label="Saring pekerja menurut status">
            <ul className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
              {([null, ...[...WORKER_STATUSES].reverse()] as (WorkerStatusValue | null)[]).map((status) => {
                const current = status === query.status;
                return (
                  <li key={status ?? "semua"}>
                    <Link
                      href={workerListHref(basePath, { status, page: 1 })}
                      aria-current={current ? "true" : undefined}
                      className={cn(
                        "block h-full rounded-md border px-3 py-2 text-sm hover:bg-slate-50",
                        current ? "border-brand-600 bg-brand-50 ring-1 ring-brand-600" : "border-slate-200",
                      )}
                    >
                      <span className="block text-xs text-slate-600">{status ? WORKER_STATUS_LABELS[status] : "Semua pekerja (Kemnaker)"}</span>
                      <span className="block text-lg font-semibold tabular-nums text-slate-900">{formatNumber(workerCountOf(counts, status))}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>

          {canExport && (
            <UnregisteredExport businessId={businessId} count={counts.listed - counts.here} />
          )}

          {workers.rows.length === 0 ? (
            <p className="text-sm text-slate-600" role="status">
              Tidak ada pekerja dengan status {query.status ? WORKER_STATUS_LABELS[query.status].toLowerCase() : "apa pun"}.
            </p>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600" role="status">
                {formatNumber(workers.total)} pekerja{query.status ? ` ${WORKER_STATUS_LABELS[query.status].toLowerCase()}` : ""} · halaman {formatNumber(workers.page)} dari{" "}
                {formatNumber(workers.pageCount)}
              </p>
              <WorkerTable rows={workers.rows} caption={`Pekerja menurut Kemnaker${query.status ? `: ${WORKER_STATUS_LABELS[query.status].toLowerCase()}` : ""}`} />
              <PageLinks
                label="Halaman pekerja"
                className="mt-3"
                previous={workers.page > 1 ? { href: workerListHref(basePath, { ...query, page: workers.page - 1 }) } : null}
                next={workers.page < workers.pageCount ? { href: workerListHref(basePath, { ...query, page: workers.page + 1 }) } : null}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

function UnregisteredExport({ businessId, count }: { businessId: string; count: number }) {
  if (count === 0) return <p className="mb-4 text-sm text-slate-600">Semua pekerja menurut Kemnaker sudah terdaftar JKN di pemberi kerja ini.</p>;
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
      <p className="min-w-0 flex-1 basis-64 text-slate-700">
        Daftar {formatNumber(count)} pekerja yang belum terdaftar di pemberi kerja ini, untuk surat kepada pemberi kerja. Berkas memuat NIK lengkap; setiap unduhan
        dicatat di jejak audit.
      </p>
      <a href={workerExportHref(businessId, "csv")} className={buttonClass("secondary")}>
        Unduh CSV
      </a>
      <a href={workerExportHref(businessId, "xlsx")} className={buttonClass("secondary")}>
        Unduh XLSX
      </a>
    </div>
  );
}
