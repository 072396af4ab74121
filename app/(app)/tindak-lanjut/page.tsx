import type { Metadata } from "next";
import Link from "next/link";
import { FollowUpTable } from "@/components/followup/follow-up-table.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { PageLinks } from "@/components/ui/page-links.tsx";
import { formatCount } from "@/lib/format.ts";
import {
  FOLLOW_UP_PARAMS,
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
          {(query.sort !== "tenggat" || query.direction !== "asc") && (
            <>
              <input type="hidden" name={FOLLOW_UP_PARAMS.sort} value={query.sort} />
              <input type="hidden" name={FOLLOW_UP_PARAMS.direction} value={query.direction} />
            </>
          )}
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
            {formatCount(page.total)} prospek
          </p>
          <FollowUpTable rows={page.rows} query={query} basePath={BASE_PATH} showOfficer={!isOfficer} />
          <PageLinks
            label="Halaman tindak lanjut"
            previous={query.page > 1 ? { href: followUpQueryHref(BASE_PATH, { ...query, page: query.page - 1 }) } : null}
            next={query.page < page.pageCount ? { href: followUpQueryHref(BASE_PATH, { ...query, page: query.page + 1 }) } : null}
            numbers={{ current: query.page, count: page.pageCount, href: (n) => followUpQueryHref(BASE_PATH, { ...query, page: n }) }}
          />
        </>
      )}
    </>
  );
}
