import { cn } from "@/components/ui/cn.ts";
import { AUDIT_ACTIONS, AUDIT_OUTCOME_LABELS, isAuditAction, type AuditOutcome } from "@/lib/audit-actions.ts";
import { auditDetailEntries, auditObjectTypeLabel, auditReasonLabel, isReasonCode } from "@/lib/audit-labels.ts";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions.ts";
import type { AuditEventDto } from "@/server/audit/find-audit-events.ts";
import { formatWib } from "./format-time.ts";

const OUTCOME_STYLES: Record<AuditOutcome, string> = {
  SUCCESS: "bg-brand-100 text-brand-800",
  FAILURE: "bg-red-100 text-red-800",
  DENIED: "bg-amber-100 text-amber-900",
};

// Actors that are not app roles: start-up work and the command line.
const OTHER_ACTOR_ROLES: Record<string, string> = { SYSTEM: "Sistem", CLI: "Baris perintah", PARTNER_API: "API mitra" };

function roleLabel(role: string | null): string | null {
  if (role === null) return null;
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : (OTHER_ACTOR_ROLES[role] ?? role);
}

// Up to this many detail lines show in the row; the rest open below them.
const DETAILS_SHOWN = 4;

/** The details as a readable list of labelled values (the stored JSON is what the chain signs). */
function Details({ details }: { details: unknown }) {
  const entries = auditDetailEntries(details);
  if (entries.length === 0) return <span className="text-slate-400">—</span>;
  const list = (items: typeof entries) => (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      {items.map((entry) => (
        <div key={entry.key} className="contents">
          <dt className="text-slate-500" title={entry.key}>
            {entry.label}
          </dt>
          <dd className="break-words text-slate-800">{entry.value}</dd>
        </div>
      ))}
    </dl>
  );
  if (entries.length <= DETAILS_SHOWN) return list(entries);
  return (
    <div className="min-w-[12rem]">
      {list(entries.slice(0, DETAILS_SHOWN))}
      <details>
        <summary className="cursor-pointer text-xs text-brand-700">{`${entries.length - DETAILS_SHOWN} rincian lagi`}</summary>
        {list(entries.slice(DETAILS_SHOWN))}
      </details>
    </div>
  );
}

const cell = "px-3 py-2 align-top";

/** The audit trail, newest first. Times are stored in UTC and shown in WIB. */
export function AuditTable({ events }: { events: AuditEventDto[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Jejak audit</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className={cell}>Waktu (WIB)</th>
            <th scope="col" className={cell}>Pelaku</th>
            <th scope="col" className={cell}>Aksi</th>
            <th scope="col" className={cell}>Objek</th>
            <th scope="col" className={cell}>Wilayah</th>
            <th scope="col" className={cell}>Hasil</th>
            <th scope="col" className={cell}>Alasan</th>
            <th scope="col" className={cell}>IP</th>
            <th scope="col" className={cell}>ID permintaan</th>
            <th scope="col" className={cell}>Rincian</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id} data-testid="audit-event" data-event-id={event.id}>
              <td className={cn(cell, "whitespace-nowrap")}>
                <time dateTime={event.occurredAt.toISOString()} title={`${event.occurredAt.toISOString()} (UTC) · #${event.id}`}>
                  {formatWib(event.occurredAt)}
                </time>
              </td>
              <td className={cell}>
                {event.actorUsername ? (
                  <>
                    <span className="font-mono">{event.actorUsername}</span>
                    {event.actorRole && <span className="block text-xs text-slate-500">{roleLabel(event.actorRole)}</span>}
                  </>
                ) : (
                  <span className="text-slate-500">Tanpa nama (belum masuk)</span>
                )}
              </td>
              <td className={cell}>
                {isAuditAction(event.action) ? AUDIT_ACTIONS[event.action] : event.action}
                <code className="block font-mono text-xs text-slate-500">{event.action}</code>
              </td>
              <td className={cn(cell, "max-w-[16rem]")}>
                {event.objectType ? (
                  <>
                    {auditObjectTypeLabel(event.objectType)}
                    {event.objectId && <code className="block break-all font-mono text-xs text-slate-500">{event.objectId}</code>}
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className={cell}>{event.region ?? <span className="text-slate-400">—</span>}</td>
              <td className={cell}>
                <span className={cn("inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", OUTCOME_STYLES[event.outcome])}>
                  {AUDIT_OUTCOME_LABELS[event.outcome]}
                </span>
              </td>
              <td className={cn(cell, "max-w-[14rem] break-words")}>
                {event.reason ? (
                  <>
                    {auditReasonLabel(event.reason)}
                    {isReasonCode(event.reason) && <code className="block break-all font-mono text-xs text-slate-500">{event.reason}</code>}
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <td className={cn(cell, "whitespace-nowrap font-mono text-xs")}>{event.ip ?? <span className="text-slate-400">—</span>}</td>
              <td className={cn(cell, "font-mono text-xs")}>
                {event.requestId ? <span className="break-all">{event.requestId}</span> : <span className="text-slate-400">—</span>}
              </td>
              <td className={cell}>
                <Details details={event.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
