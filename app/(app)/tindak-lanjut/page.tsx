import type { Metadata } from "next";
import Link from "next/link";
import { formatDay } from "@/components/leads/format.ts";
import { buttonClass } from "@/components/ui/button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { PageLinks } from "@/components/ui/page-links.tsx";
import { BUSINESS_STATUS_LABELS } from "@/lib/leads/business-status.ts";
import {
  ACTIVITY_KIND_LABELS,
  FOLLOW_UP_PARAMS,
  FOLLOW_UP_STATUS_LABELS,
  FOLLOW_UP_VIEW_LABELS,
  FOLLOW_UP_VIEWS,
  followUpQueryHref,
  parseFollowUpQuery,
} from "@/lib/leads/follow-up.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { findFollowUps } from "@/server/followup/find-follow-ups.ts";
import { findLeadOfficers } from "@/server/leads/find-lead-officers.ts";

export const metadata: Metadata = { title: "Tindak Lanjut" };

const BASE_PATH = "/tindak-lanjut";

export default async function FollowUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, scope } = await requirePermission("followup.read");
  const query = parseFollowUpQuery(await searchParams);
  const isOfficer = actor.role === "OFFICER";
  const [page, officers] = await Promise.all([
    findFollowUps({ query, scope, actor: { id: actor.userId, role: actor.role } }),
    isOfficer ? [] : findLeadOfficers({ scope }),
  ]);
  const href = (changes: Partial<typeof query>) => followUpQueryHref(BASE_PATH, { ...query, page: 1, ...changes });

  return (
    <>
      <PageHeader
        title={isOfficer ? "Tindak Lanjut Saya" : "Tindak Lanjut Tim"}
        description={
          isOfficer
            ? "Prospek yang ditugaskan kepada Anda, tenggat terdekat lebih dulu. Buka prospek untuk mencatat telepon, kunjungan, surat, atau email."
            : "Prospek yang ditugaskan kepada petugas di wilayah Anda, tenggat terdekat lebih dulu."
        }
      />
      <nav aria-label="Tampilan" className="mb-4 flex flex-wrap gap-2">
        {FOLLOW_UP_VIEWS.map((view) => (
          <Link
            key={view}
            href={href({ view })}
            aria-current={query.view === view ? "page" : undefined}
            className={buttonClass(query.view === view ? "primary" : "secondary")}
          >
            {FOLLOW_UP_VIEW_LABELS[view]}
          </Link>
        ))}
      </nav>
      {!isOfficer && (
        <form method="get" action={BASE_PATH} role="search" aria-label="Filter petugas" className="mb-4 flex flex-wrap items-end gap-3">
          {query.view !== "terbuka" && <input type="hidden" name={FOLLOW_UP_PARAMS.view} value={query.view} />}
          <Field id="filter-petugas" label="Petugas" className="min-w-64">
            <select id="filter-petugas" name={FOLLOW_UP_PARAMS.officer} defaultValue={query.officerId ?? ""} className={inputClass}>
              <option value="">Semua petugas</option>
              {officers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.username})
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className={buttonClass("secondary")}>
            Terapkan
          </button>
        </form>
      )}

      {page.rows.length === 0 ? (
        <EmptyState title={query.view === "terbuka" ? "Tidak ada tindak lanjut yang terbuka." : "Tidak ada tindak lanjut pada tampilan ini."}>
          {isOfficer ? "Prospek muncul di sini setelah supervisor menugaskannya kepada Anda." : "Tugaskan prospek dari halaman Prospek atau dari detail prospek."}
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600" role="status">
            {page.total.toLocaleString("id-ID")} prospek · halaman {query.page} dari {Math.max(1, page.pageCount)}
          </p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Daftar tindak lanjut</caption>
              <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">Badan usaha</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                  <th scope="col" className="px-3 py-2">Tenggat</th>
                  {!isOfficer && <th scope="col" className="px-3 py-2">Petugas</th>}
                  <th scope="col" className="px-3 py-2">Kegiatan terakhir</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((row) => (
                  <tr key={row.businessId} className={row.overdue ? "bg-red-50" : undefined}>
                    <td className="px-3 py-2">
                      <Link href={`/prospek/${row.businessId}`} className="font-medium text-brand-700 underline">
                        {row.name}
                      </Link>
                      <div className="text-xs text-slate-500">
                        {row.regionName ?? "—"} · {BUSINESS_STATUS_LABELS[row.businessStatus]}
                      </div>
                    </td>
                    <td className="px-3 py-2">
                      {FOLLOW_UP_STATUS_LABELS[row.status]}
                      {row.closedNote && <div className="text-xs text-green-800">{row.closedNote}</div>}
                    </td>
                    <td className={row.overdue ? "px-3 py-2 font-semibold text-red-700" : "px-3 py-2"}>
                      {row.dueDate ? formatDay(row.dueDate) : "—"}
                      {row.overdue && <span className="block text-xs">Lewat tenggat</span>}
                    </td>
                    {!isOfficer && <td className="px-3 py-2">{row.assignedToName ?? "—"}</td>}
                    <td className="px-3 py-2 text-slate-700">
                      {row.lastActivity
                        ? `${ACTIVITY_KIND_LABELS[row.lastActivity.kind]} · ${formatDay(row.lastActivity.occurredOn)}${row.lastActivity.outcome ? ` · ${row.lastActivity.outcome}` : ""}`
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PageLinks
            label="Halaman tindak lanjut"
            previous={query.page > 1 ? { href: followUpQueryHref(BASE_PATH, { ...query, page: query.page - 1 }) } : null}
            next={query.page < page.pageCount ? { href: followUpQueryHref(BASE_PATH, { ...query, page: query.page + 1 }) } : null}
          />
        </>
      )}
    </>
  );
}
