"use client";

import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import { AUDIT_ACTIONS, AUDIT_OUTCOME_LABELS, isAuditAction, type AuditOutcome } from "@/lib/audit-actions.ts";
import { auditDetailEntries, auditObjectTypeLabel, auditReasonLabel, isReasonCode } from "@/lib/audit-labels.ts";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/permissions.ts";
import type { AuditEventDto } from "@/server/audit/find-audit-events.ts";
import { formatWib } from "@/lib/format.ts";

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

const dash = <span className="text-slate-400">—</span>;
const helper = dataTableColumns<AuditEventDto>();

const columns = helper.columns([
  helper.accessor("occurredAt", {
    id: "occurredAt",
    header: "Waktu (WIB)",
    cell: ({ row: { original: event } }) => (
      <time className="whitespace-nowrap" dateTime={new Date(event.occurredAt).toISOString()} title={`${new Date(event.occurredAt).toISOString()} (UTC) · #${event.id}`}>
        {formatWib(event.occurredAt)}
      </time>
    ),
  }),
  helper.accessor("actorUsername", {
    id: "actor",
    header: "Pelaku",
    cell: ({ row: { original: event } }) =>
      event.actorUsername ? (
        <>
          <span className="font-mono">{event.actorUsername}</span>
          {event.actorRole && <span className="block text-xs text-slate-500">{roleLabel(event.actorRole)}</span>}
        </>
      ) : (
        <span className="text-slate-500">Tanpa nama (belum masuk)</span>
      ),
  }),
  helper.accessor("action", {
    id: "action",
    header: "Aksi",
    cell: ({ getValue }) => {
      const action = getValue();
      return (
        <>
          {isAuditAction(action) ? AUDIT_ACTIONS[action] : action}
          <code className="block font-mono text-xs text-slate-500">{action}</code>
        </>
      );
    },
  }),
  helper.accessor("objectType", {
    id: "object",
    header: "Objek",
    cell: ({ row: { original: event } }) =>
      event.objectType ? (
        <span className="block max-w-[16rem]">
          {auditObjectTypeLabel(event.objectType)}
          <code className="block font-mono text-xs text-slate-500">{event.objectType}</code>
          {event.objectId && <code className="block break-all font-mono text-xs text-slate-500">{event.objectId}</code>}
        </span>
      ) : (
        dash
      ),
  }),
  helper.accessor("region", { id: "region", header: "Wilayah", cell: ({ getValue }) => getValue() ?? dash }),
  helper.accessor("outcome", {
    id: "outcome",
    header: "Hasil",
    cell: ({ getValue }) => (
      <span className={cn("inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", OUTCOME_STYLES[getValue()])}>{AUDIT_OUTCOME_LABELS[getValue()]}</span>
    ),
  }),
  helper.accessor("reason", {
    id: "reason",
    header: "Alasan",
    cell: ({ getValue }) => {
      const reason = getValue();
      if (!reason) return dash;
      return (
        <span className="block max-w-[14rem] break-words">
          {auditReasonLabel(reason)}
          {isReasonCode(reason) && <code className="block break-all font-mono text-xs text-slate-500">{reason}</code>}
        </span>
      );
    },
  }),
  helper.accessor("ip", { id: "ip", header: "IP", cell: ({ getValue }) => <span className="whitespace-nowrap font-mono text-xs">{getValue() ?? dash}</span> }),
  helper.accessor("requestId", {
    id: "requestId",
    header: "ID permintaan",
    cell: ({ getValue }) => {
      const id = getValue();
      return id ? <span className="break-all font-mono text-xs">{id}</span> : dash;
    },
  }),
  helper.display({ id: "details", header: "Rincian", cell: ({ row }) => <Details details={row.original.details} /> }),
]);

/**
 * The audit trail, newest first. Times are stored in UTC and shown in WIB. The trail is paged by
 * time (older pages by link), so its order is the server's and no header sorts within a page.
 */
export function AuditTable({ events }: { events: AuditEventDto[] }) {
  return (
    <DataTable
      columns={columns}
      data={events}
      getRowId={(event) => String(event.id)}
      caption="Jejak audit"
      rowProps={(event) => ({ "data-testid": "audit-event", "data-event-id": String(event.id) })}
    />
  );
}
