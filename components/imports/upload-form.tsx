"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { formatBytes, formatCount } from "@/lib/format.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { importUploadSchema, isOlderPeriod, uploadQuery, ZIP_PASSWORD_HEADER } from "@/lib/imports.ts";
import { SOURCE_IDS, SOURCE_LABELS } from "@/lib/sources.ts";
import type { ImportJobStatusDto } from "@/server/ingest/get-import-job.ts";
import { CopyButton } from "./copy-button.tsx";
import { percentOf } from "./labels.ts";

// The job's progress is written at most once a second (server/ingest/import-jobs.ts): polling
// faster would only re-read the same row.
const POLL_MS = 1_000;
// Consecutive failed polls (≈ 15 s of a lost connection) before the panel stops watching.
const MAX_POLL_FAILURES = 15;

type Stage =
  | { kind: "idle" }
  | { kind: "uploading"; loaded: number; total: number }
  | { kind: "importing"; job: ImportJobStatusDto | null }
  | { kind: "done"; job: ImportJobStatusDto }
  | { kind: "stopped"; title: string; message: string };

interface UploadAnswer {
  status: number;
  body: { jobId?: string; message?: string; fieldErrors?: Record<string, string> } | null;
  /** The URL the request ended at: /masuk when the session had ended. */
  responseUrl: string;
}

const HINTS = {
  period: "Periode penyerahan data: S1 = Januari–Juni, S2 = Juli–Desember.",
  password: "Hanya untuk ZIP berkata sandi. Kata sandi hanya dipakai untuk membuka berkas: tidak disimpan dan tidak dicatat di mana pun.",
};

/**
 * The upload form of Impor Data. The file goes to /impor/unggah as the request body (not
 * multipart), so the server can stream it to disk and the browser reports upload progress; then
 * the import job is polled until it ends. Fields are never reset: after a refusal the user fixes
 * what the message names and sends again.
 */
export function UploadForm({
  periods,
  maxBytes,
  newestPeriods,
}: {
  periods: string[];
  maxBytes: number;
  /** The newest period imported so far, per source (an older delivery changes no lead). */
  newestPeriods: Record<string, string>;
}) {
  const id = useId();
  const ids = { source: `${id}-sumber`, period: `${id}-periode`, file: `${id}-berkas`, password: `${id}-sandi` };
  const router = useRouter();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [choice, setChoice] = useState({ source: "", period: "" });
  const newest = choice.source ? newestPeriods[choice.source] : undefined;
  const olderThanNewest = newest && choice.period && isOlderPeriod(choice.period, newest) ? newest : null;
  const xhr = useRef<XMLHttpRequest | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      xhr.current?.abort();
    };
  }, []);

  const busy = stage.kind === "uploading" || stage.kind === "importing";
  const fileHint = `CSV, atau ZIP (boleh berkata sandi) berisi satu CSV; paling besar ${formatBytes(maxBytes)}.`;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    const file = form.get("berkas");
    const chosen = file instanceof File && file.name ? file : null;
    const parsed = importUploadSchema.safeParse({
      source: form.get("sumber") || undefined,
      period: form.get("periode") || undefined,
      fileName: chosen?.name ?? "",
    });
    const errors: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    if (chosen && !errors.fileName) {
      if (chosen.size === 0) errors.fileName = "Berkas kosong.";
      else if (chosen.size > maxBytes) errors.fileName = `Berkas terlalu besar (${formatBytes(chosen.size)}): paling besar ${formatBytes(maxBytes)}.`;
    }
    setFieldErrors(errors);
    if (!parsed.success || !chosen || Object.keys(errors).length) {
      setStage({ kind: "idle" });
      return;
    }

    const password = String(form.get("sandi") ?? "");
    setStage({ kind: "uploading", loaded: 0, total: chosen.size });
    let answer: UploadAnswer;
    try {
      answer = await send(`/impor/unggah?${uploadQuery(parsed.data)}`, chosen, password, (loaded, total) => {
        if (mounted.current) setStage({ kind: "uploading", loaded, total });
      });
    } catch (error) {
      if (!mounted.current) return;
      const aborted = error instanceof DOMException && error.name === "AbortError";
      setStage({
        kind: "stopped",
        title: aborted ? "Unggahan dibatalkan" : "Unggahan gagal",
        message: aborted
          ? "Unggahan dibatalkan; tidak ada yang diimpor."
          : "Unggahan terputus: server tidak dapat dihubungi atau koneksi terputus. Tidak ada yang diimpor; periksa koneksi lalu coba lagi.",
      });
      return;
    }
    if (!mounted.current) return;
    if (new URL(answer.responseUrl, window.location.href).pathname === "/masuk") {
      setStage({ kind: "stopped", title: "Sesi berakhir", message: "Sesi Anda telah berakhir. Masuk lagi, lalu unggah ulang berkasnya." });
      return;
    }
    if (answer.status !== 202 || !answer.body?.jobId) {
      setFieldErrors(answer.body?.fieldErrors ?? {});
      setStage({ kind: "stopped", title: "Unggahan ditolak", message: answer.body?.message ?? uploadRefusal(answer.status) });
      return;
    }
    setStage({ kind: "importing", job: null });
    await watchJob(answer.body.jobId);
  }

  /** Polls the job until it ends, showing its progress; then the summary or the refusal. */
  async function watchJob(jobId: string) {
    let failures = 0;
    while (mounted.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!mounted.current) return;
      try {
        const response = await fetch(`/impor/status/${encodeURIComponent(jobId)}`, { cache: "no-store", headers: { accept: "application/json" } });
        if (response.redirected && new URL(response.url).pathname === "/masuk") {
          setStage({ kind: "stopped", title: "Sesi berakhir", message: "Sesi Anda telah berakhir; impor tetap berjalan di server. Masuk lagi dan lihat Riwayat impor." });
          return;
        }
        if (!response.ok) throw new Error(String(response.status));
        const job = (await response.json()) as ImportJobStatusDto;
        failures = 0;
        if (!mounted.current) return;
        if (job.status === "RUNNING") {
          setStage({ kind: "importing", job });
          continue;
        }
        if (job.status === "SUCCEEDED" && job.result) setStage({ kind: "done", job });
        else {
          setStage({
            kind: "stopped",
            title: job.status === "REFUSED" ? "Berkas ditolak" : "Impor gagal",
            message: job.message ?? "Impor berhenti tanpa keterangan.",
          });
        }
        router.refresh();
        return;
      } catch {
        failures += 1;
        if (failures >= MAX_POLL_FAILURES) {
          setStage({
            kind: "stopped",
            title: "Status impor tidak terbaca",
            message: "Status impor tidak dapat dibaca dari server. Impor mungkin tetap berjalan; lihat Riwayat impor di bawah setelah beberapa saat.",
          });
          router.refresh();
          return;
        }
      }
    }
  }

  function send(url: string, file: File, password: string, onProgress: (loaded: number, total: number) => void): Promise<UploadAnswer> {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      xhr.current = request;
      request.open("POST", url);
      request.setRequestHeader("Content-Type", "application/octet-stream");
      // Header values must be Latin-1: the password travels percent-encoded.
      if (password) request.setRequestHeader(ZIP_PASSWORD_HEADER, encodeURIComponent(password));
      request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      request.onload = () => {
        xhr.current = null;
        let body: UploadAnswer["body"] = null;
        try {
          body = JSON.parse(request.responseText) as UploadAnswer["body"];
        } catch {
          // A 403 page or a proxy's error page: no JSON to read.
        }
        resolve({ status: request.status, body, responseUrl: request.responseURL || url });
      };
      request.onerror = () => {
        xhr.current = null;
        reject(new Error("network"));
      };
      request.onabort = () => {
        xhr.current = null;
        reject(new DOMException("aborted", "AbortError"));
      };
      request.send(file);
    });
  }

  return (
    <section aria-labelledby={`${id}-judul`} className="mb-8 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id={`${id}-judul`} className="mb-4 text-base font-semibold text-slate-900">
        Unggah berkas mitra
      </h2>
      <form onSubmit={onSubmit} noValidate aria-label="Unggah berkas mitra">
        <fieldset disabled={busy} className="grid gap-4 md:grid-cols-2">
          <Field id={ids.source} label="Sumber data" error={fieldErrors.source}>
            <select
              {...fieldAria(ids.source, fieldErrors.source)}
              name="sumber"
              required
              value={choice.source}
              onChange={(event) => setChoice((current) => ({ ...current, source: event.target.value }))}
              className={inputClass}
            >
              <option value="" disabled>
                Pilih sumber data
              </option>
              {SOURCE_IDS.map((source) => (
                <option key={source} value={source}>
                  {SOURCE_LABELS[source]}
                </option>
              ))}
            </select>
          </Field>
          <Field id={ids.period} label="Periode" hint={HINTS.period} error={fieldErrors.period}>
            <select
              {...fieldAria(ids.period, fieldErrors.period, HINTS.period)}
              name="periode"
              required
              value={choice.period}
              onChange={(event) => setChoice((current) => ({ ...current, period: event.target.value }))}
              className={inputClass}
            >
              <option value="" disabled>
                Pilih periode
              </option>
              {periods.map((period) => (
                <option key={period} value={period}>
                  {period}
                </option>
              ))}
            </select>
          </Field>
          <Field id={ids.file} label="Berkas" hint={fileHint} error={fieldErrors.fileName}>
            <input
              {...fieldAria(ids.file, fieldErrors.fileName, fileHint)}
              type="file"
              name="berkas"
              required
              accept=".csv,.zip,text/csv,application/zip"
              className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-sm`}
            />
          </Field>
          <Field id={ids.password} label="Kata sandi ZIP (bila ada)" hint={HINTS.password} error={fieldErrors.password}>
            <input
              {...fieldAria(ids.password, fieldErrors.password, HINTS.password)}
              type="password"
              name="sandi"
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} font-mono`}
            />
          </Field>
        </fieldset>
        {olderThanNewest && (
          <p role="status" data-testid="peringatan-periode-lama" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
            {olderPeriodMessage(choice.period, olderThanNewest)} Berkas tetap diimpor dan setiap barisnya tercatat.
          </p>
        )}
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy}>
            {busy ? "Sedang diproses…" : "Unggah dan impor"}
          </Button>
          {stage.kind === "uploading" && (
            <Button variant="secondary" onClick={() => xhr.current?.abort()}>
              Batalkan unggahan
            </Button>
          )}
        </div>
      </form>
      <UploadStage stage={stage} />
    </section>
  );
}

/**
 * Matching reads each source's newest period only: an older delivery is kept but moves no lead;
 * its records still get the newest match's statuses for their period's data balikan.
 */
function olderPeriodMessage(period: string, newest: string): string {
  return `Periode ${period} lebih lama dari periode terbaru sumber ini (${newest}). Pencocokan hanya memakai periode terbaru tiap sumber, jadi berkas ini tidak mengubah prospek; data balikan periode ${period} memakai status JKN hasil pencocokan terbaru.`;
}

function uploadRefusal(status: number): string {
  if (status === 403) return "Anda tidak berhak mengunggah berkas impor, atau permintaan tidak berasal dari halaman ini.";
  if (status === 413) return "Berkas terlalu besar.";
  return `Server menolak unggahan (HTTP ${status}). Tidak ada yang diimpor.`;
}

function ProgressBar({ label, percent }: { label: string; percent: number | null }) {
  return (
    <progress
      aria-label={label}
      max={100}
      value={percent ?? undefined}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600"
    />
  );
}

function UploadStage({ stage }: { stage: Stage }) {
  switch (stage.kind) {
    case "idle":
      return null;
    case "uploading": {
      const percent = percentOf(stage.loaded, stage.total);
      return (
        <div className="mt-6 space-y-2" data-testid="kemajuan-unggah">
          <p className="text-sm font-medium text-slate-800" aria-live="polite">
            Mengunggah berkas… {percent ?? 0}%
          </p>
          <ProgressBar label="Kemajuan unggahan" percent={percent} />
          <p className="text-xs text-slate-500">
            {formatBytes(stage.loaded)} dari {formatBytes(stage.total)}. Jangan tutup halaman ini sampai unggahan selesai.
          </p>
        </div>
      );
    }
    case "importing": {
      const job = stage.job;
      const percent = job ? percentOf(job.bytesRead, job.bytesTotal) : null;
      return (
        <div className="mt-6 space-y-2" data-testid="kemajuan-impor">
          <p className="text-sm font-medium text-slate-800" aria-live="polite">
            Berkas terunggah. Mengimpor: {job?.phase ?? "menunggu"}…
          </p>
          <ProgressBar label="Kemajuan impor" percent={percent} />
          <p className="text-xs text-slate-500">
            {formatCount(job?.rowsRead ?? 0)} baris terbaca
            {percent !== null && <> · {percent}% berkas</>}. Impor tetap berjalan di server walaupun halaman ini ditutup.
          </p>
        </div>
      );
    }
    case "stopped":
      return (
        <div role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">{stage.title}</p>
          <p className="mt-1 whitespace-pre-line">{stage.message}</p>
        </div>
      );
    case "done":
      return <ImportSummary job={stage.job} />;
  }
}

function ImportSummary({ job }: { job: ImportJobStatusDto }) {
  const result = job.result!;
  const counts: [string, number][] = [
    ["Baris data", result.dataRows],
    ["Diterima", result.accepted],
    ["Ditolak", result.rejected],
    ["Duplikat", result.duplicates],
    ["Peringatan", result.warnings],
  ];
  return (
    <section aria-label="Ringkasan impor" className="mt-6 rounded-md border border-brand-100 bg-brand-50/60 px-4 py-4 text-sm">
      <p role="status" className="font-semibold text-brand-800">
        {result.alreadyImported ? "Berkas ini sudah pernah diimpor; tidak ada yang berubah." : "Impor selesai."}
      </p>
      {!result.alreadyImported && result.supersededBy && (
        <p className="mt-2 text-amber-900" data-testid="ringkasan-periode-lama">
          {olderPeriodMessage(job.period, result.supersededBy)}
        </p>
      )}
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-5">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid={`ringkasan-${label.toLowerCase().replace(" ", "-")}`}>
              {formatCount(value)}
            </dd>
          </div>
        ))}
      </dl>
      <dl className="mt-3 space-y-1">
        <div className="flex flex-wrap items-center gap-x-2">
          <dt className="text-xs text-slate-600">SHA-256</dt>
          <dd className="flex items-center gap-1">
            <code className="break-all font-mono text-xs" data-testid="ringkasan-sha256">
              {result.fileSha256}
            </code>
            <CopyButton value={result.fileSha256} label="Salin SHA-256" />
          </dd>
        </div>
        <div className="flex flex-wrap items-center gap-x-2">
          <dt className="text-xs text-slate-600">Batch</dt>
          <dd>
            <code className="font-mono text-xs" data-testid="ringkasan-batch">
              {result.batchId}
            </code>
          </dd>
        </div>
      </dl>
      <p className="mt-3 text-xs text-slate-600">
        Setiap baris data tercatat: diterima + ditolak + duplikat = baris data. Baris yang ditolak dan peringatan ada di laporan penolakan,
        lengkap dengan nomor baris, kolom, nilai (disamarkan bila data pribadi) dan alasannya.
      </p>
      {!result.alreadyImported && !result.supersededBy && (
        <p className="mt-3 text-slate-700">
          Pencocokan entitas berjalan di latar belakang — lihat kemajuannya di bagian Pencocokan entitas.
        </p>
      )}
      {result.hasRejectReport && (
        <p className="mt-3">
          <a href={`/impor/laporan/${result.batchId}`} download className="font-medium text-brand-700 underline">
            Unduh laporan penolakan
          </a>
        </p>
      )}
    </section>
  );
}
