import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilterForm } from "@/components/audit/audit-filter-form.tsx";
import { AuditTable } from "@/components/audit/audit-table.tsx";
import { formatCount } from "@/lib/format.ts";
import { buttonClass } from "@/components/ui/button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { auditFilterSearchParams, describeAuditFilter, parseAuditFilter } from "@/lib/audit-filter.ts";
import { actorCan, requirePermission } from "@/server/access/guard.ts";
import { AUDIT_EXPORT_MAX_ROWS } from "@/server/audit/export-audit-events.ts";
import { AUDIT_COUNT_CAP, findAuditEvents } from "@/server/audit/find-audit-events.ts";

export const metadata: Metadata = { title: "Audit" };

const BASE_PATH = "/audit";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Parsing the URL touches nothing; the guard still decides before any event is read.
  const filter = parseAuditFilter(await searchParams);
  const { actor } = await requirePermission("audit.read", {
    auditView: {
      action: "audit.view",
      objectType: "audit",
      details: { filter: describeAuditFilter(filter), ...(filter.before && { before: filter.before }) },
    },
  });
  const page = await findAuditEvents({ filter });

  const linkWith = (before: string | null) => {
    const query = auditFilterSearchParams(filter, { before }).toString();
    return query ? `${BASE_PATH}?${query}` : BASE_PATH;
  };
  const exportQuery = auditFilterSearchParams(filter, { before: null }).toString();
  const matched = page.matched.capped
    ? `lebih dari ${formatCount(AUDIT_COUNT_CAP)} peristiwa cocok dengan filter`
    : `${formatCount(page.matched.count)} peristiwa cocok dengan filter`;

  return (
    <>
      <PageHeader
        title="Jejak audit"
        description="Semua tindakan yang tercatat: siapa, kapan, apa, dan hasilnya. Catatan tidak dapat diubah atau dihapus. Waktu ditampilkan dalam WIB."
        actions={
          actorCan(actor, "audit.export") && (
            <a href={`${BASE_PATH}/ekspor${exportQuery ? `?${exportQuery}` : ""}`} className={buttonClass("secondary")}>
              Ekspor CSV
            </a>
          )
        }
      />
      <AuditFilterForm filter={filter} basePath={BASE_PATH} />

      {page.events.length === 0 ? (
        <EmptyState title="Tidak ada peristiwa yang cocok dengan filter.">
          {filter.before && (
            <p>
              <Link href={linkWith(null)} className="font-medium text-brand-700 underline">
                Kembali ke peristiwa terbaru
              </Link>
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600" role="status">
            Menampilkan {formatCount(page.events.length)} peristiwa{filter.before ? " yang lebih lama" : " terbaru"} · {matched}.
          </p>
          <AuditTable events={page.events} />
          <nav aria-label="Halaman jejak audit" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
            <div>
              {filter.before && (
                <Link href={linkWith(null)} className={buttonClass("secondary")}>
                  Ke yang terbaru
                </Link>
              )}
            </div>
            <div>
              {page.nextBefore && (
                <Link href={linkWith(page.nextBefore)} className={buttonClass("secondary")}>
                  Lebih lama
                </Link>
              )}
            </div>
          </nav>
          {actorCan(actor, "audit.export") && (
            <p className="mt-4 text-xs text-slate-500">
              Ekspor CSV memuat seluruh peristiwa yang cocok dengan filter (paling banyak {formatCount(AUDIT_EXPORT_MAX_ROWS)} terbaru),
              tidak hanya halaman ini. Ekspor itu sendiri tercatat di jejak audit beserta hash SHA-256 berkasnya.
            </p>
          )}
        </>
      )}
    </>
  );
}
