"use client";

import { useMemo, useState } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import type { FormAction } from "@/components/ui/use-action-form.ts";
import { CONTACT_FIELD_LABELS, CONTACT_SIDE_LABELS, type AgreementContact, type AgreementFields, type AgreementPartner, type AgreementStatus, type ContactSide } from "@/lib/agreements.ts";
import { formatLongDay, formatWib } from "@/lib/format.ts";
import { EditAgreementDialog } from "./edit-agreement-dialog.tsx";

/** One agreement as the page shows it, its status worked out on the server for today (WIB). */
export interface AgreementRow extends AgreementFields {
  partner: AgreementPartner;
  partnerLabel: string;
  status: AgreementStatus;
  updatedAt: Date;
  updatedByUsername: string;
}

const helper = dataTableColumns<AgreementRow>();
const contactHelper = dataTableColumns<ContactRow>();
const badge = "inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

const STATUS_TONES: Record<AgreementStatus["kind"], string> = {
  in_force: "bg-brand-100 text-brand-800",
  ending_soon: "bg-amber-100 text-amber-900",
  ended: "bg-red-100 text-red-800",
  unknown_end: "bg-slate-200 text-slate-800",
};

/** The status badge and what it asks of the admin. */
export function AgreementStatusCell({ status }: { status: AgreementStatus }) {
  switch (status.kind) {
    case "in_force":
      return (
        <span>
          <span className={cn(badge, STATUS_TONES.in_force)}>Berlaku</span>
          <span className="block text-xs text-slate-600">sampai {formatLongDay(status.lastDay)}</span>
        </span>
      );
    case "ending_soon":
      return (
        <span>
          <span className={cn(badge, STATUS_TONES.ending_soon)}>Segera berakhir</span>
          <span className="block text-xs text-slate-700">bahas perpanjangan paling lambat {formatLongDay(status.discussBy)}</span>
        </span>
      );
    case "ended":
      return (
        <span>
          <span className={cn(badge, STATUS_TONES.ended)}>Berakhir</span>
          <span className="block text-xs text-slate-600">sejak {formatLongDay(status.lastDay)}; kunci API mitra ditolak</span>
        </span>
      );
    case "unknown_end":
      return <span className={cn(badge, STATUS_TONES.unknown_end)}>Tanggal berakhir belum diisi</span>;
  }
}

function agreementColumns(updateAction: FormAction, onSaved: (message: string) => void) {
  return helper.columns([
    helper.accessor("partnerLabel", {
      id: "partner",
      header: "Perjanjian",
      cell: ({ row: { original: a } }) => (
        <span className="block min-w-56">
          <span className="font-medium text-slate-900">{a.partnerLabel}</span>
          <span className="block text-xs text-slate-600">{a.title}</span>
        </span>
      ),
    }),
    helper.display({
      id: "numbers",
      header: "Nomor",
      cell: ({ row: { original: a } }) => (
        <dl className="whitespace-nowrap text-xs">
          <dt className="text-slate-500">BPJS Kesehatan</dt>
          <dd className="font-mono text-slate-900">{a.bpjsNumber}</dd>
          <dt className="mt-1 text-slate-500">{a.partnerLabel}</dt>
          <dd className="font-mono text-slate-900">{a.partnerNumber}</dd>
        </dl>
      ),
    }),
    helper.accessor("signedOn", { id: "signedOn", header: "Ditandatangani", cell: ({ getValue }) => <span className="whitespace-nowrap">{formatLongDay(getValue())}</span> }),
    helper.accessor("termText", {
      id: "term",
      header: "Jangka waktu",
      cell: ({ row: { original: a } }) => (
        <span className="block min-w-64 text-xs">
          {a.termText}
          <span className="mt-1 block text-slate-600">Berlaku sampai: {a.lastDay ? formatLongDay(a.lastDay) : "belum diisi"}</span>
        </span>
      ),
    }),
    helper.accessor((a) => a.lastDay ?? "9999-12-31", { id: "status", header: "Status", cell: ({ row: { original: a } }) => <AgreementStatusCell status={a.status} /> }),
    helper.display({
      id: "notice",
      header: "Pemberitahuan",
      cell: ({ row: { original: a } }) => (
        <span className="block min-w-56 text-xs">
          Perpanjangan atau pengakhiran: {a.noticeMonths} bulan sebelum berakhir.
          <span className="mt-1 block">Perubahan kontak: {a.contactChangeText}</span>
        </span>
      ),
    }),
    helper.accessor("updatedAt", {
      id: "updatedAt",
      header: "Terakhir diubah",
      cell: ({ row: { original: a } }) => (
        <span className="whitespace-nowrap text-xs">
          {formatWib(a.updatedAt)}
          <span className="block text-slate-500">oleh {a.updatedByUsername}</span>
        </span>
      ),
    }),
    helper.display({
      id: "actions",
      header: "Tindakan",
      cell: ({ row: { original: a } }) => <EditAgreementDialog agreement={a} updateAction={updateAction} onSaved={onSaved} />,
    }),
  ]);
}

/** Both agreements, with "Ubah" per row; the success note of an edit stays above the table. */
export function AgreementsTable({ agreements, updateAction }: { agreements: AgreementRow[]; updateAction: FormAction }) {
  const [notice, setNotice] = useState("");
  const columns = useMemo(() => agreementColumns(updateAction, setNotice), [updateAction]);
  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {notice && (
          <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
            {notice}
          </p>
        )}
      </div>
      <DataTable
        columns={columns}
        data={agreements}
        getRowId={(a) => a.partner}
        caption="Daftar perjanjian kerja sama"
        sortable={{ partner: "asc", signedOn: "desc", status: "asc" }}
        rowHeader="partner"
        rowProps={(a) => ({ "data-testid": `perjanjian-${a.partner}` })}
      />
    </div>
  );
}

interface ContactRow extends AgreementContact {
  id: string;
  partnerLabel: string;
  side: ContactSide;
}

const CONTACT_COLUMNS = contactHelper.columns([
  contactHelper.accessor("partnerLabel", { id: "agreement", header: "Perjanjian", cell: ({ getValue }) => <span className="whitespace-nowrap font-medium">{getValue()}</span> }),
  contactHelper.accessor((c) => CONTACT_SIDE_LABELS[c.side], { id: "side", header: "Pihak" }),
  contactHelper.accessor("unit", { id: "unit", header: CONTACT_FIELD_LABELS.unit, cell: ({ getValue }) => getValue() || <span className="text-slate-500">—</span> }),
  contactHelper.accessor("position", { id: "position", header: CONTACT_FIELD_LABELS.position }),
  contactHelper.accessor("address", { id: "address", header: CONTACT_FIELD_LABELS.address, cell: ({ getValue }) => <span className="block min-w-56">{getValue()}</span> }),
  contactHelper.accessor("phone", { id: "phone", header: CONTACT_FIELD_LABELS.phone, cell: ({ getValue }) => <span className="whitespace-nowrap">{getValue() || "—"}</span> }),
  contactHelper.accessor("fax", { id: "fax", header: CONTACT_FIELD_LABELS.fax, cell: ({ getValue }) => <span className="whitespace-nowrap">{getValue() || "—"}</span> }),
  contactHelper.accessor("email", { id: "email", header: CONTACT_FIELD_LABELS.email, cell: ({ getValue }) => getValue() || "—" }),
]);

/** The correspondence addresses of both sides of each agreement, one row per side. */
export function AgreementContactsTable({ agreements }: { agreements: AgreementRow[] }) {
  const rows: ContactRow[] = agreements.flatMap((a) =>
    (["mitra", "bpjs"] as const).map((side) => ({ ...a.contacts[side], id: `${a.partner}-${side}`, partnerLabel: a.partnerLabel, side })),
  );
  return (
    <DataTable
      columns={CONTACT_COLUMNS}
      data={rows}
      getRowId={(c) => c.id}
      caption="Alamat korespondensi"
      sortable={{ agreement: "asc", side: "asc" }}
      rowHeader="agreement"
      rowProps={(c) => ({ "data-testid": `kontak-${c.id}` })}
    />
  );
}
