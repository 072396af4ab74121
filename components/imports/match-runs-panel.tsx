"use client";

import { useEffect, useState } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { DialogLauncher } from "@/components/ui/dialog-launcher.tsx";
import { DialogFormFooter } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";
import { formatCount, formatDecimal, formatWib } from "@/lib/format.ts";
import type { MatchRunDto } from "@/server/matching/find-match-runs.ts";
import { JOB_STATUS_LABELS, percentOf, shortSourceLabel } from "./labels.ts";

// While a run is in progress its row moves about once a second (server/matching/run-match.ts).
const RUNNING_POLL_MS = 2_000;
// With nothing running: soon after the page loaded, an upload ended or a run was started (the
// run's row appears just after its import), then less and less often.
const IDLE_POLL_MS = [3_000, 3_000, 3_000, 6_000, 12_000, 30_000];
// Consecutive failed polls before the panel says it cannot read the runs (it keeps trying).
const FAILURES_BEFORE_NOTICE = 3;

const KIND_LABELS: Record<MatchRunDto["kind"], string> = { FULL: "Penuh", INCREMENTAL: "Bertahap" };

const STATUS_STYLES: Record<MatchRunDto["status"], string> = {
  RUNNING: "bg-sky-100 text-sky-900",
  SUCCEEDED: "bg-brand-100 text-brand-800",
  FAILED: "bg-red-100 text-red-800",
};


/**
 * Pencocokan entitas on Impor Data: the recent entity-resolution runs (after each import, or a
 * full re-match asked for here), polled from /impor/pencocokan — every 2 s while one runs,
 * backing off when none does, paused while the tab is hidden. The server renders the first list;
 * a refresh of the page (an upload ending) hands the panel a new one and wakes the polling.
 */
export function MatchRunsPanel({
  initialRuns,
  startFullMatchAction,
}: {
  initialRuns: MatchRunDto[];
  startFullMatchAction: FormAction<{ runId: number }>;
}) {
  const [runs, setRuns] = useState(initialRuns);
  const [serverRuns, setServerRuns] = useState(initialRuns);
  // Bumped to restart polling from its fastest pace.
  const [wake, setWake] = useState(0);
  const [unreadable, setUnreadable] = useState(false);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [announcement, setAnnouncement] = useState("");

  if (initialRuns !== serverRuns) {
    setServerRuns(initialRuns);
    setRuns(initialRuns);
    setWake((n) => n + 1);
  }

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let idleStep = 0;
    let failures = 0;
    let known = new Map<number, MatchRunDto["status"]>();

    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void poll(), ms);
    };

    async function poll() {
      if (stopped || document.hidden) return; // resumed by visibilitychange
      let next: MatchRunDto[];
      try {
        const response = await fetch("/impor/pencocokan", { cache: "no-store", headers: { accept: "application/json" } });
        if (response.redirected && new URL(response.url).pathname === "/masuk") {
          setSessionEnded(true);
          return;
        }
        if (!response.ok) throw new Error(String(response.status));
        next = ((await response.json()) as { runs: MatchRunDto[] }).runs;
      } catch {
        failures += 1;
        if (!stopped && failures >= FAILURES_BEFORE_NOTICE) setUnreadable(true);
        if (!stopped) schedule(IDLE_POLL_MS.at(-1)!);
        return;
      }
      if (stopped) return;
      failures = 0;
      setUnreadable(false);
      const ended = next.filter((run) => run.status !== "RUNNING" && known.get(run.id) === "RUNNING");
      if (ended.length) setAnnouncement(ended.map((run) => `Pencocokan #${run.id} ${run.status === "SUCCEEDED" ? "selesai" : "gagal"}.`).join(" "));
      known = new Map(next.map((run) => [run.id, run.status]));
      setRuns(next);
      const running = next.some((run) => run.status === "RUNNING");
      idleStep = running ? 0 : idleStep + 1;
      schedule(running ? RUNNING_POLL_MS : IDLE_POLL_MS[Math.min(idleStep, IDLE_POLL_MS.length - 1)]!);
    }

    const onVisibility = () => {
      if (!document.hidden) schedule(0);
    };
    document.addEventListener("visibilitychange", onVisibility);
    schedule(RUNNING_POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [wake]);

  return (
    <section aria-labelledby="pencocokan-entitas" className="mb-8">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="pencocokan-entitas" className="mb-1 text-lg font-semibold text-slate-900">
            Pencocokan entitas
          </h2>
          <p className="max-w-3xl text-sm text-slate-600">
            Setelah setiap impor, catatan baru dicocokkan menjadi badan usaha di latar belakang. Selama berjalan, daftar prospek tetap
            menampilkan hasil pencocokan terakhir yang utuh. Waktu dalam WIB.
          </p>
        </div>
        <DialogLauncher label="Cocokkan ulang semua">
          {({ close, done }) => (
            <StartFullMatchForm
              action={startFullMatchAction}
              onCancel={close}
              onDone={(message) => {
                done(message);
                setWake((n) => n + 1);
              }}
            />
          )}
        </DialogLauncher>
      </div>

      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {(unreadable || sessionEnded) && (
        <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {sessionEnded
            ? "Sesi Anda telah berakhir; kemajuan pencocokan tidak diperbarui lagi. Masuk lagi untuk melihatnya."
            : "Status pencocokan tidak dapat dibaca dari server; mencoba lagi. Pencocokan tetap berjalan di server."}
        </p>
      )}

      {runs.length === 0 ? (
        <EmptyState title="Belum ada pencocokan">
          <p>Pencocokan berjalan otomatis setelah setiap impor.</p>
        </EmptyState>
      ) : (
        <MatchRunsTable runs={runs} />
      )}
    </section>
  );
}

function StartFullMatchForm({
  action,
  onCancel,
  onDone,
}: {
  action: FormAction<{ runId: number }>;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { state, pending, onSubmit, formMessage } = useActionForm(action, (done) => onDone(done.message ?? ""));
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <p className="text-sm text-slate-700">
        Semua catatan Kemnaker, AHU dan registri BPJS dicocokkan ulang menjadi badan usaha, di latar belakang; untuk data yang besar ini
        memakan beberapa menit. Selama berjalan, daftar prospek tetap menampilkan hasil sebelumnya — hasil baru berlaku sekaligus setelah
        pencocokan selesai. Keputusan tinjauan yang sudah dibuat tetap dipakai.
      </p>
      <DialogFormFooter status={state.status} message={formMessage} pending={pending} onCancel={onCancel} pendingLabel="Memulai…" submitLabel="Mulai pencocokan ulang" />
    </form>
  );
}

const helper = dataTableColumns<MatchRunDto>();
const numberText = (text: string) => <span className="whitespace-nowrap">{text}</span>;
const figure = (pick: (result: NonNullable<MatchRunDto["result"]>) => number) => (run: MatchRunDto) => (run.result ? pick(run.result) : null);
const figureCell = ({ getValue }: { getValue: () => number | null }) => {
  const value = getValue();
  return numberText(value === null ? "—" : formatCount(value));
};

const columns = helper.columns([
  helper.accessor("id", { id: "id", header: "No.", cell: ({ getValue }) => <span className="whitespace-nowrap font-mono text-xs">#{getValue()}</span> }),
  helper.accessor("startedAt", {
    id: "startedAt",
    header: "Mulai (WIB)",
    cell: ({ getValue }) => (
      <time className="whitespace-nowrap" dateTime={getValue()} title={`${getValue()} (UTC)`}>
        {formatWib(getValue())}
      </time>
    ),
  }),
  helper.accessor((run) => KIND_LABELS[run.kind], { id: "kind", header: "Jenis" }),
  helper.display({
    id: "trigger",
    header: "Pemicu",
    cell: ({ row: { original: run } }) => (
      <span className="block min-w-40 max-w-64 [overflow-wrap:anywhere]">
        {run.trigger ? (
          <>
            Impor {shortSourceLabel(run.trigger.source)} {run.trigger.period}
            {run.trigger.fileName && <span className="block text-xs text-slate-500">{run.trigger.fileName}</span>}
          </>
        ) : (
          "manual"
        )}
      </span>
    ),
  }),
  helper.accessor((run) => JOB_STATUS_LABELS[run.status], {
    id: "status",
    header: "Status",
    cell: ({ row: { original: run } }) => (
      <span className={cn("inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", STATUS_STYLES[run.status])}>{JOB_STATUS_LABELS[run.status]}</span>
    ),
  }),
  // Progress while running (across the four last columns), the reason when failed (across the
  // three figures), the figures once done.
  helper.accessor((run) => run.result?.seconds ?? secondsBetween(run.startedAt, run.finishedAt), {
    id: "duration",
    header: "Durasi",
    cell: ({ row: { original: run }, getValue }) => (run.status === "RUNNING" ? <RunProgress run={run} /> : numberText(formatDuration(getValue()))),
  }),
  helper.accessor(figure((r) => r.businesses), {
    id: "businesses",
    header: "Badan usaha",
    cell: (context) =>
      context.row.original.status === "FAILED" ? (
        <span className="block max-w-xl text-red-800">{context.row.original.message ?? "Pencocokan berhenti tanpa keterangan."} Hasil pencocokan sebelumnya tetap berlaku.</span>
      ) : (
        figureCell(context)
      ),
  }),
  helper.accessor(figure((r) => r.leads), { id: "leads", header: "Prospek", cell: figureCell }),
  helper.accessor(figure((r) => r.reviewPairs), { id: "reviewPairs", header: "Pasangan untuk ditinjau", cell: figureCell }),
]);

const NUMERIC: ReadonlySet<string> = new Set(["duration", "businesses", "leads", "reviewPairs"]);
const SORTABLE = { id: "desc", startedAt: "desc", kind: "asc", status: "asc", duration: "desc", businesses: "desc", leads: "desc", reviewPairs: "desc" } as const;

function runSpan(run: MatchRunDto, column: string): number {
  if (run.status === "RUNNING") return column === "duration" ? 4 : NUMERIC.has(column) ? 0 : 1;
  if (run.status === "FAILED") return column === "businesses" ? 3 : column === "leads" || column === "reviewPairs" ? 0 : 1;
  return 1;
}

function MatchRunsTable({ runs }: { runs: MatchRunDto[] }) {
  return (
    <DataTable
      columns={columns}
      data={runs}
      getRowId={(run) => String(run.id)}
      caption="Pencocokan entitas terbaru"
      sortable={SORTABLE}
      numericColumns={NUMERIC}
      cellSpan={runSpan}
      rowProps={(run) => ({ "data-testid": "pencocokan", "data-id": String(run.id) })}
    />
  );
}

/** A running match: its phase and a progress bar over the records it has counted. */
function RunProgress({ run }: { run: MatchRunDto }) {
  const percent = percentOf(run.recordsDone, run.recordsTotal);
  return (
    <div className="min-w-64">
      <p className="text-slate-700">Sedang {run.phase}…</p>
      <div
        role="progressbar"
        aria-label={`Kemajuan pencocokan #${run.id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? run.phase : `${formatCount(run.recordsDone)} dari ${formatCount(run.recordsTotal)} catatan`}
        className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        {/* Before the run has counted its records: a full, faint, pulsing bar. */}
        <div className={cn("h-full bg-brand-600 transition-[width]", percent === null && "animate-pulse opacity-30")} style={{ width: `${percent ?? 100}%` }} />
      </div>
      {percent !== null && (
        <p className="mt-1 text-xs text-slate-500">
          {formatCount(run.recordsDone)} dari {formatCount(run.recordsTotal)} catatan ({percent}%)
        </p>
      )}
    </div>
  );
}

function secondsBetween(start: string, end: string | null): number | null {
  return end ? Math.max(0, (Date.parse(end) - Date.parse(start)) / 1000) : null;
}

/** "12,3 detik", "4 menit 5 detik"; "—" when unknown. */
function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${formatDecimal(seconds)} detik`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest ? `${formatCount(minutes)} menit ${rest} detik` : `${formatCount(minutes)} menit`;
}
