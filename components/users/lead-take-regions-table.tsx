"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import { FormMessage, ModalDialog, DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { formatWib } from "@/lib/format.ts";
import type { LeadTakeRegionRow as LeadTakeRegion } from "@/server/regions/list-lead-take-regions.ts";

const helper = dataTableColumns<LeadTakeRegion>();

function regionColumns(action: FormAction, onDone: (message: string) => void, regencyLinkBase?: string) {
  return helper.columns([
    helper.accessor("code", { id: "code", header: "Kode", cell: ({ getValue }) => <span className="font-mono">{getValue()}</span> }),
    helper.accessor("name", { id: "name", header: "Wilayah" }),
    helper.accessor((region) => (region.enabled || region.enabledByProvince ? 1 : 0), {
      id: "status",
      header: "Petugas boleh mengambil",
      cell: ({ row: { original: region } }) => <TakeSwitch region={region} action={action} onDone={onDone} />,
    }),
    helper.accessor("enabledAt", {
      id: "enabledAt",
      header: "Diaktifkan",
      cell: ({ row: { original: region } }) =>
        region.enabledAt ? (
          <span className="whitespace-nowrap">
            {formatWib(region.enabledAt)}
            <span className="block text-xs text-slate-500">oleh {region.enabledByUsername}</span>
          </span>
        ) : (
          <span className="text-slate-500">—</span>
        ),
    }),
    ...(regencyLinkBase === undefined
      ? []
      : [
          helper.accessor("enabledRegencies", {
            id: "regencies",
            header: "Kabupaten/kota",
            cell: ({ row: { original: region } }) => (
              <Link href={`${regencyLinkBase}${region.code}`} className="whitespace-nowrap text-brand-700 underline">
                {region.enabledRegencies ? `${region.enabledRegencies} aktif` : "Atur"}
                <span className="sr-only"> kabupaten/kota di {region.name}</span>
              </Link>
            ),
          }),
        ]),
  ]);
}

const SORTABLE = { code: "asc", name: "asc", status: "desc" } as const;

/**
 * Provinces or one province's regencies/cities, each with its switch. A switch asks for
 * confirmation first; its answer is shown above the table, where it outlives the refresh.
 */
export function LeadTakeRegionsTable({
  regions,
  caption,
  action,
  regencyLinkBase,
}: {
  regions: LeadTakeRegion[];
  caption: string;
  action: FormAction;
  /** Provinces: their regencies open at this address plus the code. */
  regencyLinkBase?: string;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const columns = useMemo(() => regionColumns(action, setNotice, regencyLinkBase), [action, regencyLinkBase]);
  return (
    <div className="space-y-3">
      <FormMessage status={notice ? "success" : "idle"} message={notice ?? undefined} />
      <DataTable
        columns={columns}
        data={regions}
        getRowId={(region) => region.code}
        caption={caption}
        sortable={SORTABLE}
        rowHeader="name"
        rowProps={(region) => ({ "data-testid": `wilayah-${region.code}`, className: cn(!(region.enabled || region.enabledByProvince) && "text-slate-600") })}
      />
    </div>
  );
}

function TakeSwitch({ region, action, onDone }: { region: LeadTakeRegion; action: FormAction; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const label = `Petugas boleh mengambil prospek di ${region.name}`;
  if (region.enabledByProvince && !region.enabled) {
    return (
      <span className="flex items-center gap-2">
        <SwitchLook on />
        <span className="text-xs text-slate-600">Aktif lewat provinsi</span>
      </span>
    );
  }
  return (
    <>
      <button type="button" role="switch" aria-checked={region.enabled} aria-label={label} onClick={() => setOpen(true)} className="flex items-center gap-2 rounded-md p-1">
        <SwitchLook on={region.enabled} />
        <span className="text-sm">{region.enabled ? "Aktif" : "Nonaktif"}</span>
      </button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={region.enabled ? `Nonaktifkan di ${region.name}?` : `Aktifkan di ${region.name}?`}>
        <ConfirmForm
          region={region}
          action={action}
          onCancel={() => setOpen(false)}
          onDone={(message) => {
            setOpen(false);
            onDone(message);
          }}
        />
      </ModalDialog>
    </>
  );
}

function ConfirmForm({ region, action, onCancel, onDone }: { region: LeadTakeRegion; action: FormAction; onCancel: () => void; onDone: (message: string) => void }) {
  const { state, pending, onSubmit, formMessage } = useActionForm(action, (done) => onDone(done.message ?? ""));
  const enable = !region.enabled;
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="regionCode" value={region.code} />
      <input type="hidden" name="enabled" value={String(enable)} />
      <p className="text-sm text-slate-700">
        {enable
          ? `Petugas yang wilayah tugasnya mencakup ${region.name} dapat mengambil sendiri prospek yang belum ditugaskan di sana${region.level === "PROVINCE" ? ", di semua kabupaten/kotanya" : ""}.`
          : `Petugas tidak dapat lagi mengambil prospek sendiri di ${region.name}; supervisor tetap dapat menugaskannya. Prospek yang sudah diambil tetap pada petugasnya.`}
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Menyimpan…" submitLabel={enable ? "Aktifkan" : "Nonaktifkan"} danger={!enable} />
    </form>
  );
}

/** The switch's track and knob; the state is also written beside it in words. */
function SwitchLook({ on }: { on: boolean }) {
  return (
    <span aria-hidden="true" className={cn("relative inline-block h-5 w-9 rounded-full transition-colors", on ? "bg-brand-600" : "bg-slate-300")}>
      <span className={cn("absolute top-0.5 size-4 rounded-full bg-white shadow transition-transform", on ? "translate-x-4" : "translate-x-0.5")} />
    </span>
  );
}
