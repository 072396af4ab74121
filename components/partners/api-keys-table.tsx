"use client";

import { useMemo } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import { formatLongDay, formatWib } from "@/lib/format.ts";
import type { FormAction } from "@/components/ui/use-action-form.ts";
import { RevokeApiKeyButton } from "./revoke-api-key-button.tsx";

/** A key as the list shows it: no secret, no hash. */
export interface ApiKeyRow {
  id: string;
  partnerLabel: string;
  name: string;
  prefix: string;
  createdByUsername: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByUsername: string | null;
  /** A key lasts as long as its partner's agreement: its last day, not entered yet, or no agreement (BPJS). */
  validUntil: { kind: "day"; day: string; ended: boolean } | { kind: "agreement_unknown" } | { kind: "no_agreement" };
}

function ValidUntil({ validUntil }: { validUntil: ApiKeyRow["validUntil"] }) {
  switch (validUntil.kind) {
    case "day":
      return (
        <span className="whitespace-nowrap">
          {formatLongDay(validUntil.day)}
          {validUntil.ended && <span className="block text-xs font-medium text-red-700">Perjanjian berakhir: kunci ditolak</span>}
        </span>
      );
    case "agreement_unknown":
      return <span className="text-slate-600">mengikuti perjanjian</span>;
    case "no_agreement":
      return <span className="text-slate-500">Tanpa batas perjanjian</span>;
  }
}

const helper = dataTableColumns<ApiKeyRow>();
const badge = "inline-block rounded-full px-2 py-0.5 text-xs font-medium";

function apiKeyColumns(revokeAction: FormAction) {
  return helper.columns([
    helper.accessor("prefix", {
      id: "prefix",
      header: "Awalan",
      cell: ({ getValue }) => <span className="whitespace-nowrap font-mono font-medium text-slate-900">{getValue()}…</span>,
    }),
    helper.accessor("partnerLabel", { id: "partner", header: "Mitra", cell: ({ getValue }) => <span className="whitespace-nowrap">{getValue()}</span> }),
    helper.accessor("name", { id: "name", header: "Nama" }),
    helper.accessor("createdAt", {
      id: "createdAt",
      header: "Dibuat",
      cell: ({ row: { original: key } }) => (
        <span className="whitespace-nowrap">
          {formatWib(key.createdAt)}
          <span className="block text-xs text-slate-500">oleh {key.createdByUsername}</span>
        </span>
      ),
    }),
    helper.accessor("lastUsedAt", {
      id: "lastUsedAt",
      header: "Terakhir dipakai",
      cell: ({ getValue }) => {
        const at = getValue();
        return at ? <span className="whitespace-nowrap">{formatWib(at)}</span> : <span className="text-slate-500">Belum pernah</span>;
      },
    }),
    helper.accessor((key) => (key.validUntil.kind === "day" ? key.validUntil.day : "9999-12-31"), {
      id: "validUntil",
      header: "Berlaku sampai",
      cell: ({ row: { original: key } }) => <ValidUntil validUntil={key.validUntil} />,
    }),
    helper.accessor((key) => (key.revokedAt ? 1 : 0), {
      id: "status",
      header: "Status",
      cell: ({ row: { original: key } }) =>
        key.revokedAt ? (
          <span className="whitespace-nowrap">
            <span className={cn(badge, "bg-slate-200 text-slate-700")}>Dicabut</span>
            <span className="block text-xs text-slate-500">
              {formatWib(key.revokedAt)}
              {key.revokedByUsername && ` oleh ${key.revokedByUsername}`}
            </span>
          </span>
        ) : (
          <span className={cn(badge, "bg-brand-100 text-brand-800")}>Aktif</span>
        ),
    }),
    helper.display({
      id: "actions",
      header: "Tindakan",
      cell: ({ row: { original: key } }) =>
        key.revokedAt ? (
          <span className="text-slate-400">—</span>
        ) : (
          <RevokeApiKeyButton apiKey={{ id: key.id, prefix: key.prefix, name: key.name, partnerLabel: key.partnerLabel }} revokeAction={revokeAction} />
        ),
    }),
  ]);
}

const SORTABLE = { prefix: "asc", partner: "asc", name: "asc", createdAt: "desc", lastUsedAt: "desc", validUntil: "asc", status: "asc" } as const;

export function ApiKeysTable({ keys, revokeAction }: { keys: ApiKeyRow[]; revokeAction: FormAction }) {
  const columns = useMemo(() => apiKeyColumns(revokeAction), [revokeAction]);
  return (
    <DataTable
      columns={columns}
      data={keys}
      getRowId={(key) => key.id}
      caption="Daftar kunci API mitra"
      sortable={SORTABLE}
      rowHeader="prefix"
      rowProps={(key) => ({ "data-testid": `kunci-${key.prefix}`, className: cn(key.revokedAt && "bg-slate-50 text-slate-500") })}
    />
  );
}
