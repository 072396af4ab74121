"use client";

import { useEffect, useState } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { Button } from "@/components/ui/button.tsx";
import { cn } from "@/components/ui/cn.ts";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { DialogFormFooter, FormMessage, ModalDialog } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { formatCount, formatWib } from "@/lib/format.ts";
import { JOB_LABELS, JOB_STATE_LABELS } from "@/lib/jobs.ts";
import type { JobDto } from "@/server/jobs/find-jobs.ts";
import { percentOf } from "./labels.ts";

// While a job waits or runs the list moves every few seconds; otherwise it is looked at now and then.
const BUSY_POLL_MS = 2_000;
const IDLE_POLL_MS = 15_000;

const STATE_STYLES: Record<JobDto["state"], string> = {
  created: "bg-slate-100 text-slate-800",
  retry: "bg-amber-100 text-amber-900",
  active: "bg-sky-100 text-sky-900",
  completed: "bg-brand-100 text-brand-800",
  cancelled: "bg-slate-100 text-slate-600",
  failed: "bg-red-100 text-red-800",
};

export interface JobActions {
  cancelAction: FormAction;
  retryAction: FormAction;
}

const dash = <span className="text-slate-400">—</span>;

function Progress({ job }: { job: JobDto }) {
  const progress = job.progress;
  if (!progress) return dash;
  const percent = percentOf(progress.done, progress.total);
  const amount = percent === null ? `${formatCount(progress.done)} ${progress.unit}` : `${formatCount(percent)}%`;
  return (
    <span className="whitespace-nowrap">
      {progress.phase} · {amount}
    </span>
  );
}

function columnsFor(actions: JobActions) {
  const helper = dataTableColumns<JobDto>();
  return helper.columns([
    helper.accessor("name", {
      id: "name",
      header: "Pekerjaan",
      cell: ({ row }) => (
        <span className="block min-w-40">
          <span className="font-medium text-slate-900">{JOB_LABELS[row.original.name] ?? row.original.name}</span>
          {row.original.subject && <span className="block text-slate-600">{row.original.subject}</span>}
        </span>
      ),
    }),
    helper.accessor("state", {
      id: "state",
      header: "Status",
      cell: ({ getValue }) => <span className={cn("inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", STATE_STYLES[getValue()])}>{JOB_STATE_LABELS[getValue()]}</span>,
    }),
    helper.display({ id: "progress", header: "Kemajuan", cell: ({ row }) => <Progress job={row.original} /> }),
    helper.accessor("attempts", { id: "attempts", header: "Percobaan", cell: ({ row }) => `${formatCount(row.original.attempts)} dari ${formatCount(row.original.maxAttempts)}` }),
    helper.accessor("startedBy", { id: "startedBy", header: "Dimulai oleh", cell: ({ getValue }) => getValue() ?? dash }),
    helper.accessor("createdAt", { id: "createdAt", header: "Diantrekan", cell: ({ getValue }) => <span className="whitespace-nowrap">{formatWib(getValue())}</span> }),
    helper.accessor("error", { id: "error", header: "Keterangan", cell: ({ getValue }) => (getValue() ? <span className="text-red-800">{getValue()}</span> : dash) }),
    helper.display({ id: "actions", header: "Tindakan", cell: ({ row }) => <JobRowActions job={row.original} actions={actions} /> }),
  ]);
}

const NUMERIC: ReadonlySet<string> = new Set(["attempts"]);
const SORTABLE = { name: "asc", state: "asc", attempts: "desc", startedBy: "asc", createdAt: "desc" } as const;

/**
 * Pekerjaan latar on Impor Data: the queue's latest jobs (imports, match runs, SFTP pulls, balikan
 * pushes…) with their state, attempts, progress and errors, polled from /impor/pekerjaan. An admin
 * cancels a waiting job (after a confirmation) or retries a failed one.
 */
export function JobsPanel({ initialJobs, actions }: { initialJobs: JobDto[]; actions: JobActions }) {
  const [jobs, setJobs] = useState(initialJobs);
  const [serverJobs, setServerJobs] = useState(initialJobs);
  const [unreadable, setUnreadable] = useState(false);
  const [columns] = useState(() => columnsFor(actions));
  if (initialJobs !== serverJobs) {
    setServerJobs(initialJobs);
    setJobs(initialJobs);
  }
  const busy = jobs.some((job) => job.state === "created" || job.state === "retry" || job.state === "active");

  useEffect(() => {
    let stopped = false;
    const timer = setTimeout(
      async function poll() {
        if (stopped || document.hidden) return;
        try {
          const response = await fetch("/impor/pekerjaan", { cache: "no-store", headers: { accept: "application/json" } });
          if (!response.ok || response.redirected) throw new Error(String(response.status));
          const body = (await response.json()) as { jobs: JobDto[] };
          if (!stopped) {
            setJobs(body.jobs);
            setUnreadable(false);
          }
        } catch {
          if (!stopped) setUnreadable(true);
        }
      },
      busy ? BUSY_POLL_MS : IDLE_POLL_MS,
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobs, busy]);

  return (
    <section aria-labelledby="pekerjaan-latar" className="mb-8">
      <h2 id="pekerjaan-latar" className="mb-1 text-lg font-semibold text-slate-900">
        Pekerjaan latar
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Impor, pencocokan, penarikan SFTP dan pengiriman balikan dijalankan oleh pekerja latar dari antrean. Yang gagal karena gangguan sementara dicoba ulang
        otomatis. Waktu dalam WIB.
      </p>
      {unreadable && <FormMessage status="error" message="Daftar pekerjaan tidak dapat dimuat ulang; mencoba lagi." />}
      {jobs.length === 0 ? (
        <EmptyState title="Belum ada pekerjaan latar">
          <p>Unggahan, penarikan SFTP dan pencocokan akan tampil di sini.</p>
        </EmptyState>
      ) : (
        <DataTable columns={columns} data={jobs} getRowId={(job) => job.id} caption="Pekerjaan latar terbaru" numericColumns={NUMERIC} sortable={SORTABLE} />
      )}
    </section>
  );
}

function JobRowActions({ job, actions }: { job: JobDto; actions: JobActions }) {
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState("");
  const cancel = useActionForm(actions.cancelAction, (done) => {
    setConfirming(false);
    setNotice(done.message ?? "");
  });
  const retry = useActionForm(actions.retryAction, (done) => setNotice(done.message ?? ""));
  const label = `${JOB_LABELS[job.name] ?? job.name}${job.subject ? ` ${job.subject}` : ""}`;
  if (!job.cancellable && !job.retryable) return notice ? <span role="status">{notice}</span> : dash;
  return (
    <div className="flex flex-col items-start gap-1">
      {job.cancellable && (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Batalkan<span className="sr-only">: {label}</span>
        </Button>
      )}
      {job.retryable && (
        <form onSubmit={retry.onSubmit}>
          <input type="hidden" name="name" value={job.name} />
          <input type="hidden" name="jobId" value={job.id} />
          <Button type="submit" variant="secondary" disabled={retry.pending}>
            {retry.pending ? "Mengantrekan…" : "Ulangi"}
            <span className="sr-only">: {label}</span>
          </Button>
        </form>
      )}
      {retry.state.status === "error" && <FormMessage status="error" message={retry.formMessage} />}
      {notice && <span role="status" className="text-sm text-brand-800">{notice}</span>}
      <ModalDialog open={confirming} onClose={() => setConfirming(false)} title="Batalkan pekerjaan ini?">
        <form onSubmit={cancel.onSubmit} className="space-y-4">
          <input type="hidden" name="name" value={job.name} />
          <input type="hidden" name="jobId" value={job.id} />
          <p className="text-sm text-slate-700">
            {label} belum berjalan. Bila dibatalkan, pekerjaan ini tidak akan dijalankan{job.name === "import" ? " dan berkas unggahannya dihapus; unggah ulang bila masih diperlukan" : ""}. Pembatalan
            tercatat di jejak audit atas nama Anda.
          </p>
          <DialogFormFooter
            status={cancel.state.status}
            message={cancel.formMessage}
            pending={cancel.pending}
            onCancel={() => setConfirming(false)}
            submitLabel="Ya, batalkan"
            pendingLabel="Membatalkan…"
            danger
          />
        </form>
      </ModalDialog>
    </div>
  );
}
