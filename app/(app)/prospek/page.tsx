import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { formatCount } from "@/lib/format.ts";
import { BulkAssignDialog } from "@/components/leads/bulk-assign-dialog.tsx";
import { ExportDialog } from "@/components/leads/export-dialog.tsx";
import { LeadFilterPanel } from "@/components/leads/lead-filter-panel.tsx";
import { LeadColumnPicker } from "@/components/leads/lead-table.tsx";
import { SelectableLeadTable, type LeadBulkActions } from "@/components/leads/selectable-lead-table.tsx";
import { RememberLeadList } from "@/components/leads/remember-lead-list.tsx";
import { SavedLeadViews, SaveLeadViewButton } from "@/components/leads/saved-views.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { PageLinks } from "@/components/ui/page-links.tsx";
import { leadFilterProblem, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { maskIfPersonal, personalKindOf } from "@/lib/personal-data.ts";
import {
  changeLeadListState,
  leadListHref,
  leadListSearchParams,
  nextLeadPage,
  parseLeadListState,
  previousLeadPage,
  type LeadListState,
} from "@/lib/leads/lead-url-state.ts";
import { actorCan, requirePermission } from "@/server/access/guard.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { findLeadOfficers } from "@/server/leads/find-lead-officers.ts";
import { findLeadViews } from "@/server/leads/find-lead-views.ts";
import { openLeadSearchFilter } from "@/server/leads/lead-search-audit.ts";
import { sealLeadSearch } from "@/server/leads/lead-search-token.ts";
import { COUNT_CAP, findLeads } from "@/server/leads/find-leads.ts";
import { findScopedRegionCascade } from "@/server/regions/find-scoped-region-cascade.ts";
import { assignLeadsAction, previewAssignmentAction, recordActivityOnLeadsAction } from "../tindak-lanjut/actions.ts";
import { deleteLeadViewAction, saveLeadViewAction, sealLeadSearchAction } from "./actions.ts";

export const metadata: Metadata = { title: "Prospek" };

export default async function LeadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Parsing the URL touches nothing; the guard still decides before any lead is read.
  const state = parseLeadListState(await searchParams);
  const authorized = await requirePermission("leads.read");
  const { actor, scope } = authorized;
  // A NIK typed straight into `?cari=` (an old link, a hand-edited address) is moved into a
  // token at once, so the page, its RSC payload and every link on it carry only the token.
  if (state.filter.q && personalKindOf(state.filter.q)) {
    redirect(leadListHref({ ...state, filter: { ...state.filter, q: undefined, qToken: sealLeadSearch(state.filter.q, actor.userId) } }));
  }
  // `state` stays as the URL has it (a personal search only as its token) for everything that
  // reaches the browser; the opened search is used on the server alone.
  const search = await openLeadSearchFilter(state.filter, authorized);
  const regionCode = state.filter.regionCodes?.length === 1 ? state.filter.regionCodes[0]! : null;
  const [views, officers, regions] = await Promise.all([
    findLeadViews({ userId: actor.userId }),
    findLeadOfficers({ scope }),
    findScopedRegionCascade({ code: regionCode, scope }),
  ]);
  const viewQuery = leadListSearchParams({ ...state, cursor: null }).toString();
  // A filter that can only list nothing says why instead of showing an empty list.
  const problem = leadFilterProblem(state.filter);
  // The selection bar's actions, each only for a role that may do it (every action checks again).
  const bulkActions: LeadBulkActions = {
    ...(actorCan(actor, "leads.assign") && { assign: { officers, action: assignLeadsAction } }),
    ...(actorCan(actor, "leads.export") && { export: true as const }),
    // One's own leads: only an officer is ever assigned any.
    ...(actorCan(actor, "followup.write") && actor.role === "OFFICER" && { status: { action: recordActivityOnLeadsAction } }),
  };
  const swapped = leadListHref(changeLeadListState(state, { filter: { ...state.filter, workersMin: state.filter.workersMax, workersMax: state.filter.workersMin } }));

  return (
    <>
      <PageHeader
        title="Prospek"
        description="Badan usaha di wilayah Anda yang belum terdaftar JKN, nonaktif, atau baru mendaftarkan sebagian pekerjanya. Urutan bawaan: skor prioritas tertinggi."
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <SaveLeadViewButton query={viewQuery} saveAction={saveLeadViewAction} />
            {actorCan(actor, "leads.export") && <ExportDialog state={state} />}
            {actorCan(actor, "leads.assign") && (
              <BulkAssignDialog filterQuery={viewQuery} officers={officers} previewAction={previewAssignmentAction} assignAction={assignLeadsAction} />
            )}
          </div>
        }
      />
      <SavedLeadViews views={views} currentQuery={viewQuery} deleteAction={deleteLeadViewAction} />
      <LeadFilterPanel
        state={state}
        searchText={maskIfPersonal(search.filter.q ?? "")}
        searchExpired={search.searchExpired}
        sealSearchAction={sealLeadSearchAction}
        regions={regions}
        officers={officers.map(({ id, name, username }) => ({ id, name, username }))}
        canBeAssigned={actor.role === "OFFICER"}
      />

      {problem ? (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p>{problem}</p>
          <p className="mt-2">
            <Link href={swapped} className="font-medium text-brand-700 underline">
              Tukar menjadi {formatCount(state.filter.workersMax ?? 0)}–{formatCount(state.filter.workersMin ?? 0)} pekerja
            </Link>
          </p>
        </div>
      ) : (
        /* The guard ran above, before anything streamed, so a denied request still gets its 403. */
        <Suspense fallback={<LeadResultsLoading />}>
          {search.searchExpired ? null : <LeadResults state={state} search={search.filter} scope={scope} actorId={actor.userId} bulkActions={bulkActions} />}
        </Suspense>
      )}
    </>
  );
}

/** The table part: streams in after the filter, so a slow query never blanks the whole page. */
async function LeadResults({
  state,
  search,
  scope,
  actorId,
  bulkActions,
}: {
  state: LeadListState;
  search: LeadFilter;
  scope: RegionScope;
  actorId: string;
  bulkActions: LeadBulkActions;
}) {
  const page = await findLeads({ state: { ...state, filter: search }, scope, actorId });
  const matched = page.count.capped ? `lebih dari ${formatCount(COUNT_CAP)}` : formatCount(page.count.value);
  const firstPage = leadListHref(changeLeadListState(state, { cursor: null }));
  const previous = previousLeadPage(state);
  return (
    <>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" role="status">
          {page.rows.length === 0
            ? "Tidak ada prospek yang ditampilkan."
            : `Menampilkan ${formatCount(page.rows.length)} prospek${state.cursor ? " berikutnya" : ""} · ${matched} prospek cocok dengan filter.`}
        </p>
        <LeadColumnPicker state={state} />
      </div>

      {/* One place in the tree whether rows came or not, so a bulk action's answer outlives a
          list its leads just left. */}
      <SelectableLeadTable
        rows={page.rows}
        state={state}
        actions={bulkActions}
        empty={
          <EmptyState title="Tidak ada prospek yang cocok dengan filter ini">
            {scope.kind === "none" ? (
              <p>Akun Anda belum memiliki wilayah kerja. Hubungi admin untuk menetapkannya.</p>
            ) : (
              <p className="space-x-3">
                {state.cursor && (
                  <Link href={firstPage} className="font-medium text-brand-700 underline">
                    Kembali ke halaman pertama
                  </Link>
                )}
                <Link href="/prospek" className="font-medium text-brand-700 underline">
                  Hapus semua filter
                </Link>
              </p>
            )}
          </EmptyState>
        }
      />
      {page.rows.length > 0 && (
        <>
          <RememberLeadList
            userId={actorId}
            list={{
              href: leadListHref(state),
              // The table's rows themselves: the payload refers to them instead of a second copy.
              leads: page.rows,
              nextHref: page.nextCursor ? leadListHref(nextLeadPage(state, page.nextCursor)) : null,
            }}
          />
          <PageLinks
            label="Halaman prospek"
            first={state.cursor && previous?.cursor ? { href: firstPage, text: "Halaman pertama" } : null}
            previous={state.cursor ? { href: previous ? leadListHref(previous) : firstPage, text: previous ? "Sebelumnya" : "Halaman pertama" } : null}
            next={page.nextCursor ? { href: leadListHref(nextLeadPage(state, page.nextCursor)) } : null}
          />
        </>
      )}
    </>
  );
}

function LeadResultsLoading() {
  return (
    <div role="status" aria-live="polite" className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
      Memuat prospek…
      <div aria-hidden="true" className="mt-4 space-y-2">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-5 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
