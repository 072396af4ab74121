import type { Metadata } from "next";
import Link from "next/link";
import { formatCount } from "@/lib/format.ts";
import { ImportHistoryTable } from "@/components/imports/import-history-table.tsx";
import { JobsPanel } from "@/components/imports/jobs-panel.tsx";
import { MatchRunsPanel } from "@/components/imports/match-runs-panel.tsx";
import { UploadForm } from "@/components/imports/upload-form.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { PageLinks } from "@/components/ui/page-links.tsx";
import { IMPORT_HISTORY_PAGE_PARAM, parseImportHistoryPage, selectablePeriods } from "@/lib/imports.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { findImportHistory } from "@/server/ingest/find-import-history.ts";
import { findNewestPeriods } from "@/server/ingest/find-newest-periods.ts";
import { resolveReadLimits } from "@/server/ingest/read/read-limits.ts";
import { findJobs } from "@/server/jobs/find-jobs.ts";
import { findMatchRuns } from "@/server/matching/find-match-runs.ts";
import { cancelJobAction, retryJobAction } from "./pekerjaan/actions.ts";
import { startFullMatchAction } from "./pencocokan/actions.ts";

export const metadata: Metadata = { title: "Impor Data" };

const BASE_PATH = "/impor";

export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("imports.manage");
  const requestedPage = parseImportHistoryPage(await searchParams);
  const [history, matchRuns, jobs, newestPeriods] = await Promise.all([
    findImportHistory({ page: requestedPage }),
    findMatchRuns(),
    findJobs(),
    findNewestPeriods(),
  ]);
  const pageLink = (page: number) => (page <= 1 ? BASE_PATH : `${BASE_PATH}?${IMPORT_HISTORY_PAGE_PARAM}=${page}`);

  return (
    <>
      <PageHeader
        title="Impor Data"
        description="Unggah berkas mitra (Kemnaker WLKP, AHU, registri BPJS). Setiap baris data diterima atau dilaporkan beserta alasannya; berkas yang sama tidak diimpor dua kali."
        actions={
          <>
            <Link href="/impor/sftp" className={buttonClass("secondary")}>
              Sumber SFTP
            </Link>
            <Link href="/impor/kunci-api" className={buttonClass("secondary")}>
              Kunci API Mitra
            </Link>
          </>
        }
      />
      <UploadForm periods={selectablePeriods()} maxBytes={resolveReadLimits().maxFileBytes} newestPeriods={newestPeriods} />
      <MatchRunsPanel initialRuns={matchRuns} startFullMatchAction={startFullMatchAction} />
      <JobsPanel initialJobs={jobs} actions={{ cancelAction: cancelJobAction, retryAction: retryJobAction }} />

      <section aria-labelledby="riwayat-impor">
        <h2 id="riwayat-impor" className="mb-1 text-lg font-semibold text-slate-900">
          Riwayat impor
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Semua batch yang diimpor lewat unggah, CLI, SFTP dan API, beserta percobaan yang ditolak, gagal atau masih berjalan. Waktu dalam WIB.
        </p>
        {history.total === 0 ? (
          <EmptyState title="Belum ada impor">
            <p>Unggah berkas mitra pertama dengan formulir di atas; hasilnya akan tercatat di sini.</p>
          </EmptyState>
        ) : (
          <>
            <ImportHistoryTable entries={history.entries} />
            <PageLinks
              label="Halaman riwayat impor"
              previous={history.page > 1 ? { href: pageLink(history.page - 1), text: "Lebih baru" } : null}
              next={history.page < history.pageCount ? { href: pageLink(history.page + 1), text: "Lebih lama" } : null}
              numbers={{ current: history.page, count: history.pageCount, href: pageLink, suffix: `${formatCount(history.total)} entri` }}
            />
          </>
        )}
      </section>
    </>
  );
}
