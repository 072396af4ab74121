"use client";

import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import { AUDIT_ACTIONS, AUDIT_OUTCOME_LABELS, isAuditAction, type AuditOutcome } from "@/lib/audit-actions.ts";
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

// The preview in the row; the whole JSON opens below it.
const DETAILS_PREVIEW_CHARS = 80;

function Details({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <span className="text-slate-400">—</span>;
  const compact = JSON.stringify(details);
  if (compact.length <= DETAILS_PREVIEW_CHARS) return <code className="break-all font-mono text-xs">{compact}</code>;
  return (
    <details className="max-w-xs">
      <summary className="cursor-pointer font-mono text-xs">
        <code className="break-all">{compact.slice(0, DETAILS_PREVIEW_CHARS)}…</code>
      </summary>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">
        {JSON.stringify(details, null, 2)}
      </pre>
    </details>
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
          {event.objectType}
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
  helper.accessor("reason", { id: "reason", header: "Alasan", cell: ({ getValue }) => <span className="block max-w-[14rem] break-words">{getValue() ?? dash}</span> }),
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
