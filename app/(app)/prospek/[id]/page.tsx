import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActivityTimeline } from "@/components/leads/activity-timeline.tsx";
import { EntityKindBadge } from "@/components/leads/lead-badges.tsx";
import { LeadListNeighbours } from "@/components/leads/lead-list-neighbours.tsx";
import { AssignLeadForm } from "@/components/leads/assign-lead-form.tsx";
import { LeadOfficersTable, PriorityTable } from "@/components/leads/lead-detail-tables.tsx";
import { Personal, PersonalDataProvider } from "@/components/leads/personal-data.tsx";
import { RecordActivityForm } from "@/components/leads/record-activity-form.tsx";
import { TakeLeadForm } from "@/components/leads/take-lead-form.tsx";
import { WorkersSection } from "@/components/leads/workers-section.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { formatDay, formatNumber, formatPercent } from "@/lib/format.ts";
import { BUSINESS_STATUS_LABELS } from "@/lib/leads/business-status.ts";
import { ENTITY_KIND_LABELS } from "@/lib/leads/entity-kind.ts";
import { BUSINESS_ID_PATTERN, FOLLOW_UP_STATUS_LABELS, isClosedStatus, todayWib } from "@/lib/leads/follow-up.ts";
import { parseWorkerListQuery } from "@/lib/leads/worker-status.ts";
import { sourceLabel } from "@/lib/sources.ts";
import { actorCan, requirePermission } from "@/server/access/guard.ts";
import { isLeadTakeEnabled } from "@/server/followup/lead-take-scope.ts";
import { findBusinessWorkers } from "@/server/leads/find-business-workers.ts";
import { findLeadOfficers } from "@/server/leads/find-lead-officers.ts";
import { getLeadDetail, type LeadDetail } from "@/server/leads/get-lead-detail.ts";
import { assignLeadsAction, recordActivityAction } from "../../tindak-lanjut/actions.ts";
import { revealPersonalDataAction, takeLeadAction } from "./actions.ts";

/** A count nobody reported, in words: a dash reads as "none". */
const UNKNOWN = "tidak diketahui";

export const metadata: Metadata = { title: "Detail Prospek" };

export default async function LeadDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actor, scope, auditActor, context } = await requirePermission("leads.read");
  const { id } = await params;
  if (!BUSINESS_ID_PATTERN.test(id)) notFound();
  const workerQuery = parseWorkerListQuery(await searchParams);
  // Outside the actor's regions reads exactly like a lead that does not exist (the workers query
  // carries the same scope: it finds none there).
  const [lead, workers] = await Promise.all([
    getLeadDetail({ businessId: BigInt(id), scope, actor: auditActor, context }),
    findBusinessWorkers({ businessId: BigInt(id), scope, query: workerQuery }),
  ]);
  if (!lead) notFound();
  const maskedWorkerNiks = workers.rows.filter((w) => w.nik !== null);

  const canAssign = actorCan(actor, "leads.assign");
  const canRecord =
    actorCan(actor, "followup.write") &&
    (actor.role === "ADMIN" || (lead.followUp?.assignedToId === actor.userId && !isClosedStatus(lead.followUp.status)));
  const officers = canAssign ? await findLeadOfficers({ scope }) : [];
  // Only officers take leads (supervisors and admins assign them); the action checks it all again.
  const takesLeads = actor.role === "OFFICER" && actorCan(actor, "leads.take");
  const open = !lead.followUp || (lead.followUp.assignedToId === null && !isClosedStatus(lead.followUp.status));
  const canTake = takesLeads && open && (await isLeadTakeEnabled(BigInt(lead.id)));
  const notary = lead.kind === "NOTARIS";

  return (
    <PersonalDataProvider
      businessId={lead.id}
      revealFields={maskedWorkerNiks.length ? { workerIds: maskedWorkerNiks.map((w) => w.id).join(",") } : undefined}
      maskedCount={lead.maskedCount + maskedWorkerNiks.length}
      revealAction={actorCan(actor, "personal_data.reveal") ? revealPersonalDataAction : undefined}
    >
      <LeadListNeighbours userId={actor.userId} leadId={lead.id} leadName={lead.name} />
      <PageHeader
        title={lead.name}
        description={`${notary ? ENTITY_KIND_LABELS.NOTARIS : (lead.legalForm ?? "Bentuk usaha tidak diketahui")} · ${BUSINESS_STATUS_LABELS[lead.status]} · Skor prioritas ${lead.priority}`}
        actions={<EntityKindBadge kind={lead.kind} />}
      />
      {/* min-w-0: a grid column would otherwise grow to its widest table (the workers', a
          source record's values) and push the page sideways on a phone; the tables scroll instead. */}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Section title="Identitas">
            <Facts
              rows={[
                ["Nama", lead.name],
                ["Jenis", ENTITY_KIND_LABELS[lead.kind]],
                ...(notary ? [["NIK", <Personal key="nik" value={lead.nik} />] satisfies [string, React.ReactNode]] : []),
                ["Bentuk usaha", lead.legalForm],
                ["NPWP", <Personal key="npwp" value={lead.npwp} />],
                ["NIB", lead.nib],
                ["Kode WLKP", lead.kodeWlkp],
                ["Kode badan usaha (BPJS)", lead.kodeBadanUsaha],
                ["KBLI", lead.kbli],
                ["Skala usaha", lead.businessScale && lead.businessScale.charAt(0) + lead.businessScale.slice(1).toLowerCase()],
                ["Sumber", lead.sources.map(sourceLabel).join("; ")],
                ["Periode terbaru", lead.latestPeriod],
              ]}
            />
          </Section>
          <Section title="Status kepesertaan dan pekerja">
            <Facts
              rows={[
                ["Status JKN", BUSINESS_STATUS_LABELS[lead.status]],
                // A notary's staff are in no partner's worker file: no counts to show.
                ...(notary
                  ? []
                  : ([
                      ["Pekerja (Kemnaker)", formatNumber(lead.workerCount, UNKNOWN)],
                      ["Pekerja terdaftar JKN", formatNumber(lead.status === "BELUM_TERDAFTAR" ? (lead.registeredWorkers ?? 0) : lead.registeredWorkers, UNKNOWN)],
                      ["Selisih pekerja", formatNumber(lead.workerGap, UNKNOWN)],
                    ] satisfies [string, React.ReactNode][])),
              ]}
            />
            <PriorityParts lead={lead} />
          </Section>
          {/* A notary's staff are not in Kemnaker's worker rows: the office is visited as such. */}
          {!notary && <WorkersSection businessId={lead.id} workers={workers} query={workerQuery} canExport={actorCan(actor, "leads.export")} />}
          <Section title="Wilayah dan kontak">
            <Facts
              rows={[
                ...lead.region.map((r): [string, React.ReactNode] => [r.level, `${r.name ?? "(nama tidak diketahui)"} (${r.code})`]),
                ["Alamat", lead.contact.address],
                ["Kode pos", lead.contact.postcode],
                ["Telepon", <Personal key="phone" value={lead.contact.phone} link="tel" />],
                ["Email", <Personal key="email" value={lead.contact.email} link="mailto" />],
                ...lead.contact.persons.map((p, i): [string, React.ReactNode] => [
                  `Kontak (${p.sourceLabel.split(" — ")[0]})`,
                  <span key={i}>
                    {p.name ?? "—"} · HP <Personal value={p.phone} link="tel" />
                  </span>,
                ]),
              ]}
            />
          </Section>
          {!notary && (
            <Section title={`Pengurus dan sekutu (${lead.officers.length})`}>
              {lead.officers.length === 0 ? (
                <p className="text-sm text-slate-600">Tidak ada data pengurus atau sekutu dari AHU untuk NPWP ini.</p>
              ) : (
                <LeadOfficersTable officers={lead.officers} />
              )}
            </Section>
          )}
          <Section title={`Catatan sumber (${lead.records.length})`}>
            {lead.records.length === 0 && <p className="text-sm text-slate-600">Tidak ada catatan sumber yang tertaut.</p>}
            <div className="space-y-3">
              {lead.records.map((r) => (
                <details key={r.id} className="rounded-md border border-slate-200 bg-white">
                  <summary className="cursor-pointer px-4 py-2 text-sm [overflow-wrap:anywhere]">
                    <span className="font-medium">{r.sourceLabel}</span> · periode {r.period} · baris {formatNumber(r.line)} ·{" "}
                    {r.ruleLabel}
                    {r.score !== null && ` (skor ${formatPercent(r.score)})`}
                  </summary>
                  <div className="space-y-2 border-t border-slate-100 px-4 py-3 text-sm">
                    <p className="text-slate-600">
                      Berkas {r.fileName ?? "(tanpa nama)"}
                      {r.nameSimilarity !== null && ` · kemiripan nama ${formatPercent(r.nameSimilarity)}`}
                      {r.agree.length > 0 && ` · sama: ${r.agree.map(word).join(", ")}`}
                      {r.disagree.length > 0 && ` · berbeda: ${r.disagree.map(word).join(", ")}`}
                    </p>
                    <Facts rows={r.values.map((v, i): [string, React.ReactNode] => [v.label, <Personal key={i} value={v.value} />])} />
                  </div>
                </details>
              ))}
            </div>
          </Section>
        </div>
        <div className="min-w-0 space-y-6">
          <Section title="Tindak lanjut">
            {lead.followUp ? (
              <Facts
                rows={[
                  ["Status", FOLLOW_UP_STATUS_LABELS[lead.followUp.status]],
                  ["Petugas", lead.followUp.assignedToName ? `${lead.followUp.assignedToName} (${lead.followUp.assignedToUsername})` : "Belum ditugaskan"],
                  [
                    "Tenggat",
                    lead.followUp.dueDate ? (
                      <span className={lead.followUp.dueDate < todayWib() && !isClosedStatus(lead.followUp.status) ? "font-semibold text-red-700" : undefined}>
                        {formatDay(lead.followUp.dueDate)}
                        {lead.followUp.dueDate < todayWib() && !isClosedStatus(lead.followUp.status) && " (lewat tenggat)"}
                      </span>
                    ) : (
                      "—"
                    ),
                  ],
                ]}
              />
            ) : (
              <p className="text-sm text-slate-600">Prospek ini belum ditugaskan kepada petugas.</p>
            )}
            {lead.followUp?.closedByImportNote && (
              <p role="status" className="mt-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
                {lead.followUp.closedByImportNote}
              </p>
            )}
          </Section>
          {canAssign && (
            <Section title={lead.followUp?.assignedToId ? "Tugaskan ulang" : "Tugaskan ke petugas"}>
              {lead.followUp && isClosedStatus(lead.followUp.status) && (
                <p className="mb-3 text-sm text-slate-600">Prospek ini sudah ditutup; menugaskannya lagi membukanya kembali dengan status Baru.</p>
              )}
              <AssignLeadForm
                businessId={lead.id}
                officers={officers}
                action={assignLeadsAction}
                current={lead.followUp && { officerId: lead.followUp.assignedToId, dueDate: lead.followUp.dueDate }}
              />
            </Section>
          )}
          {takesLeads && (canTake || lead.followUp?.assignedToId === actor.userId) && (
            <TakeLeadForm businessId={lead.id} canTake={canTake} action={takeLeadAction} />
          )}
          {!canRecord && actor.role === "OFFICER" && lead.followUp?.assignedToId === actor.userId && (
            <p className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
              Prospek ini sudah ditutup. Minta supervisor menugaskannya kembali bila perlu ditindaklanjuti lagi.
            </p>
          )}
          {canRecord && (
            <Section title="Catat kegiatan">
              <RecordActivityForm businessId={lead.id} status={lead.followUp?.status ?? "BARU"} action={recordActivityAction} anyStatus={actor.role === "ADMIN"} />
            </Section>
          )}
          <Section title="Riwayat">
            <ActivityTimeline activities={lead.activities} />
          </Section>
        </div>
      </div>
    </PersonalDataProvider>
  );
}

const word = (text: string) => text.replaceAll("_", " ");

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: readonly [string, React.ReactNode][] }) {
  return (
    // minmax(0, 1fr) and overflow-wrap anywhere: a long e-mail address, file name or hash wraps
    // instead of widening the page on a phone or tablet.
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
      {rows.map(([label, value], i) => (
        <div key={i} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 text-slate-900 [overflow-wrap:anywhere]">{value === null || value === undefined || value === "" ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function PriorityParts({ lead }: { lead: LeadDetail }) {
  const caption = `Skor prioritas ${lead.priorityBreakdown.total} dari 100 (data terbaru periode ${lead.newestPeriod})`;
  return (
    <div className="mt-4">
      <p aria-hidden="true" className="mb-1 text-sm font-medium text-slate-700">
        {caption}
      </p>
      <PriorityTable parts={lead.priorityBreakdown.parts} caption={caption} />
    </div>
  );
}
