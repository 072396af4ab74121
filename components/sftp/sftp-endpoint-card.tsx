"use client";

import { useState } from "react";
import { formatWib } from "@/lib/format.ts";
import { Button } from "@/components/ui/button.tsx";
import { cn } from "@/components/ui/cn.ts";
import { DialogFormFooter, FormMessage, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { SFTP_AUTH_LABELS, type SftpAuthKind, type SftpConnectionTestResult } from "@/lib/sftp.ts";
import { EditSftpEndpointDialog } from "./sftp-endpoint-dialogs.tsx";
import type { SftpEndpointFormDefaults } from "./sftp-endpoint-fields.tsx";

/** An endpoint as the page shows it: settings and "tersimpan" markers, no secret. */
export interface SftpEndpointView extends SftpEndpointFormDefaults {
  id: string;
  authKind: SftpAuthKind;
  sourceLabel: string;
  active: boolean;
  lastPullAt: Date | null;
  updatedByUsername: string;
  updatedAt: Date;
}


export interface SftpEndpointActions {
  updateAction: FormAction;
  setActiveAction: FormAction;
  testAction: FormAction<SftpConnectionTestResult>;
  pullAction: FormAction;
}

const badge = "inline-block rounded-full px-2 py-0.5 text-xs font-medium";

/** One endpoint: its settings, and the buttons to test it, pull it now, edit or (de)activate it. */
export function SftpEndpointCard({ endpoint, actions }: { endpoint: SftpEndpointView; actions: SftpEndpointActions }) {
  const [notice, setNotice] = useState("");
  const test = useActionForm(actions.testAction);
  const pull = useActionForm(actions.pullAction);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const toggle = useActionForm(actions.setActiveAction, (done) => {
    setConfirmDeactivate(false);
    setNotice(done.message ?? "");
  });
  const headingId = `sftp-${endpoint.id}`;

  return (
    <article aria-labelledby={headingId} className={cn("rounded-lg border border-slate-200 bg-white p-4", !endpoint.active && "bg-slate-50")}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="font-mono text-base font-semibold text-slate-900">
            {endpoint.name}
          </h2>
          <p className="text-sm text-slate-600">
            {endpoint.username}@{endpoint.host}:{endpoint.port}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className={cn(badge, endpoint.active ? "bg-brand-100 text-brand-800" : "bg-slate-200 text-slate-700")}>{endpoint.active ? "Aktif" : "Nonaktif"}</span>
          {!endpoint.hostKeySha256 && <span className={cn(badge, "bg-amber-100 text-amber-900")}>Kunci host belum disematkan</span>}
        </div>
      </div>

      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">Folder dan pola</dt>
        <dd className="font-mono">
          {endpoint.remoteDir} · {endpoint.filePattern}
        </dd>
        <dt className="text-slate-500">Sumber data</dt>
        <dd>{endpoint.sourceLabel}</dd>
        <dt className="text-slate-500">Cara masuk</dt>
        <dd>{SFTP_AUTH_LABELS[endpoint.authKind]}: tersimpan</dd>
        <dt className="text-slate-500">Kunci host</dt>
        <dd className="break-all font-mono">{endpoint.hostKeySha256 ?? "— (server mana pun diterima; sematkan setelah dicocokkan dengan mitra)"}</dd>
        <dt className="text-slate-500">Kata sandi ZIP</dt>
        <dd>{endpoint.hasZipPassword ? "tersimpan" : "tidak ada"}</dd>
        <dt className="text-slate-500">Periode</dt>
        <dd>{endpoint.periodOverride ?? "dari waktu ubah berkas"}</dd>
        <dt className="text-slate-500">Jadwal tarik</dt>
        <dd>{endpoint.pullSchedule ? <span className="font-mono">{endpoint.pullSchedule}</span> : "hanya manual"}</dd>
        <dt className="text-slate-500">Terakhir ditarik</dt>
        <dd>{endpoint.lastPullAt ? formatWib(endpoint.lastPullAt) : "belum pernah"}</dd>
        <dt className="text-slate-500">Diubah</dt>
        <dd>
          {formatWib(endpoint.updatedAt)} oleh {endpoint.updatedByUsername}
        </dd>
      </dl>

      <div className="mt-4 flex flex-wrap gap-2">
        <form onSubmit={test.onSubmit}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <Button type="submit" variant="secondary" disabled={test.pending}>
            {test.pending ? "Menguji…" : "Uji koneksi"}
          </Button>
        </form>
        <form onSubmit={pull.onSubmit}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <Button type="submit" disabled={pull.pending || !endpoint.active}>
            {pull.pending ? "Mengantrekan…" : "Tarik sekarang"}
          </Button>
        </form>
        <EditSftpEndpointDialog endpointId={endpoint.id} defaults={endpoint} updateAction={actions.updateAction} onSaved={setNotice} />
        {endpoint.active ? (
          <Button variant="ghost" onClick={() => setConfirmDeactivate(true)}>
            Nonaktifkan
          </Button>
        ) : (
          <form onSubmit={toggle.onSubmit}>
            <input type="hidden" name="endpointId" value={endpoint.id} />
            <input type="hidden" name="active" value="true" />
            <Button type="submit" variant="secondary" disabled={toggle.pending}>
              Aktifkan
            </Button>
          </form>
        )}
      </div>

      {/* Deactivating stops its scheduled pulls: a slip of the finger should not do that silently. */}
      <ModalDialog open={confirmDeactivate} onClose={() => setConfirmDeactivate(false)} title={`Nonaktifkan sumber SFTP ${endpoint.name}?`}>
        <form onSubmit={toggle.onSubmit} className="space-y-4">
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <input type="hidden" name="active" value="false" />
          <p className="text-sm text-slate-700">
            Penarikan terjadwal dan &quot;Tarik sekarang&quot; berhenti untuk sumber ini. Pengaturan, kredensial dan riwayat tarikan tetap
            tersimpan; sumber dapat diaktifkan kembali.
          </p>
          <DialogFormFooter
            status={toggle.state.status}
            message={toggle.formMessage}
            pending={toggle.pending}
            onCancel={() => setConfirmDeactivate(false)}
            submitLabel="Nonaktifkan"
            danger
          />
        </form>
      </ModalDialog>

      <div aria-live="polite" className="mt-3 space-y-3">
        {notice && (
          <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
            {notice}
          </p>
        )}
        {toggle.state.status === "error" && !confirmDeactivate && <FormMessage status="error" message={toggle.formMessage} />}
        {test.state.status === "error" && <FormMessage status="error" message={test.formMessage} />}
        {test.state.result && <ConnectionTestResult result={test.state.result} pinned={endpoint.hostKeySha256} />}
        {pull.state.status !== "idle" && <FormMessage status={pull.state.status} message={pull.formMessage} />}
      </div>
    </article>
  );
}

function ConnectionTestResult({ result, pinned }: { result: SftpConnectionTestResult; pinned: string | null }) {
  return (
    <section aria-label="Hasil uji koneksi" className={cn("rounded-md px-3 py-2 text-sm", result.ok ? "bg-brand-50 text-brand-900" : "bg-red-50 text-red-900")}>
      <p role={result.ok ? "status" : "alert"}>{result.message}</p>
      {result.hostKeySha256 && (
        <p className="mt-1">
          Sidik jari kunci host server: <code className="break-all font-mono">{result.hostKeySha256}</code>
          {result.ok && !result.hostKeyPinned && pinned !== result.hostKeySha256 && (
            <span className="block text-amber-900">
              Belum disematkan. Cocokkan sidik jari ini langsung dengan mitra (telepon atau surat resmi), lalu isikan di “Ubah” agar server lain ditolak.
            </span>
          )}
        </p>
      )}
      {result.sampleNames.length > 0 && <p className="mt-1">Berkas terbaru yang cocok: {result.sampleNames.join(", ")}</p>}
    </section>
  );
}
