"use client";

import { useMemo } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { CopyButton } from "@/components/imports/copy-button.tsx";
import type { FormAction } from "@/components/ui/use-action-form.ts";
import { BALIKAN_ENTRIES, type BalikanPartner } from "@/lib/balikan.ts";
import { formatCount, formatWib, formatWibDate } from "@/lib/format.ts";
import { SOURCE_LABELS, type SourceId } from "@/lib/sources.ts";
import type { BalikanDeliveryDto, BalikanPeriodDto } from "@/server/balikan/list-balikan-overview.ts";
import { CheckPasswordButton } from "./check-password-button.tsx";
import { PushBalikanButton } from "./push-balikan-button.tsx";

const periodHelper = dataTableColumns<BalikanPeriodDto>();

const periodColumns = periodHelper.columns([
  periodHelper.accessor("period", { id: "period", header: "Periode", cell: ({ getValue }) => <span className="font-medium">{getValue()}</span> }),
  periodHelper.display({
    id: "received",
    header: "Data diterima",
    cell: ({ row: { original: period } }) =>
      !period.received
        ? "Belum ada data"
        : period.sources.map((s) => (
            <div key={s.source}>
              {SOURCE_LABELS[s.source as SourceId] ?? s.source}: {formatCount(s.accepted)} baris diterima dari {formatCount(s.batches)} batch
              <span className="text-xs text-slate-500">
                {" "}
                ({formatCount(s.dataRows)} baris data = {formatCount(s.accepted)} diterima + {formatCount(s.rejected)} ditolak + {formatCount(s.duplicates)}{" "}
                duplikat)
              </span>
            </div>
          )),
  }),
  periodHelper.accessor("dueDate", { id: "dueDate", header: "Jatuh tempo", cell: ({ getValue }) => <span className="whitespace-nowrap">{formatWibDate(getValue())}</span> }),
  periodHelper.display({
    id: "status",
    header: "Status",
    cell: ({ row: { original: period } }) =>
      !period.received ? (
        <span className="text-slate-600">Periode berjalan: menunggu data dari mitra</span>
      ) : period.deliveredAt ? (
        <span className="text-emerald-700">Sudah dibuat {formatWib(period.deliveredAt)}</span>
      ) : period.overdue ? (
        <span className="font-medium text-red-700">Terlambat: belum dibuat</span>
      ) : (
        <span className="text-amber-700">Belum dibuat</span>
      ),
  }),
]);

/** A partner's periods: what arrived, when its balikan is due, whether it was made. */
export function BalikanPeriodsTable({ periods, partnerLabel }: { periods: BalikanPeriodDto[]; partnerLabel: string }) {
  return (
    <DataTable
      columns={periodColumns}
      data={periods}
      getRowId={(period) => period.period}
      caption={`Periode data ${partnerLabel}, jatuh tempo dan status pengiriman`}
      sortable={{ period: "desc", dueDate: "asc" }}
      rowHeader="period"
    />
  );
}

const deliveryHelper = dataTableColumns<BalikanDeliveryDto>();

function deliveryColumns(partner: BalikanPartner, targetLabel: string | null, pushAction: FormAction, checkAction: FormAction) {
  return deliveryHelper.columns([
    deliveryHelper.accessor("createdAt", {
      id: "createdAt",
      header: "Dibuat",
      cell: ({ row: { original: delivery } }) => (
        <>
          <div className="whitespace-nowrap">{formatWib(delivery.createdAt)}</div>
          <div className="text-xs text-slate-500">oleh {delivery.createdByUsername}</div>
        </>
      ),
    }),
    deliveryHelper.accessor("period", { id: "period", header: "Periode", cell: ({ getValue }) => <span className="font-medium">{getValue()}</span> }),
    deliveryHelper.accessor("rows", {
      id: "rows",
      header: "Baris",
      cell: ({ row: { original: delivery } }) => (
        <>
          <div className="font-medium">{formatCount(delivery.rows)}</div>
          {delivery.entries.map((entry) => (
            <div key={entry.name} className="text-xs text-slate-600">
              {BALIKAN_ENTRIES[partner].find((e) => e.key === entry.key)?.label ?? entry.name}: {formatCount(entry.rows)} / batch {formatCount(entry.batchAccepted)}
              {entry.rows === entry.batchAccepted ? " ✓" : " ✗"}
            </div>
          ))}
        </>
      ),
    }),
    deliveryHelper.accessor("sha256", {
      id: "sha256",
      header: "SHA-256",
      cell: ({ row: { original: delivery } }) => (
        <>
          <span className="font-mono text-xs" title={delivery.sha256}>
            {delivery.sha256.slice(0, 16)}…
          </span>
          <CopyButton value={delivery.sha256} label={`Salin SHA-256 ${delivery.fileName}`} />
        </>
      ),
    }),
    deliveryHelper.display({
      id: "pushes",
      header: "Pengiriman SFTP",
      cell: ({ row: { original: delivery } }) => (
        <div className="text-xs">
          {delivery.pushes.length === 0
            ? "Belum dikirim"
            : delivery.pushes.map((push) => (
                <div key={push.id} className={push.success ? "text-emerald-700" : "text-red-700"}>
                  {push.success ? "Terkirim" : "Gagal"} {formatWib(push.createdAt)} ke {push.endpointName} oleh {push.actorUsername}
                  {push.message && <div className="text-slate-600">{push.message}</div>}
                </div>
              ))}
        </div>
      ),
    }),
    deliveryHelper.display({
      id: "actions",
      header: "Aksi",
      cell: ({ row: { original: delivery } }) => (
        <div className="space-y-2">
          <a className="text-sm font-medium text-brand-700 underline" href={`/balikan/unduh/${delivery.id}`} download>
            Unduh ZIP<span className="sr-only"> {delivery.fileName}</span>
          </a>
          <PushBalikanButton deliveryId={delivery.id} fileName={delivery.fileName} targetLabel={targetLabel} pushAction={pushAction} />
          <CheckPasswordButton deliveryId={delivery.id} fileName={delivery.fileName} checkAction={checkAction} />
        </div>
      ),
    }),
  ]);
}

/** The balikan files made for a partner, newest first, with their pushes and actions. */
export function BalikanDeliveriesTable({
  partner,
  partnerLabel,
  deliveries,
  targetLabel,
  pushAction,
  checkAction,
}: {
  partner: BalikanPartner;
  partnerLabel: string;
  deliveries: BalikanDeliveryDto[];
  targetLabel: string | null;
  pushAction: FormAction;
  checkAction: FormAction;
}) {
  const columns = useMemo(() => deliveryColumns(partner, targetLabel, pushAction, checkAction), [partner, targetLabel, pushAction, checkAction]);
  return (
    <DataTable
      columns={columns}
      data={deliveries}
      getRowId={(delivery) => delivery.id}
      caption={`Riwayat berkas data balikan ${partnerLabel}`}
      sortable={{ createdAt: "desc", period: "desc", rows: "desc" }}
      numericColumns={new Set(["rows"])}
    />
  );
}
