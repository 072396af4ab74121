import { formatCount, formatWib } from "@/components/audit/format-time.ts";
import { cn } from "@/components/ui/cn.ts";
import type { ImportHistoryEntry } from "@/server/ingest/find-import-history.ts";
import { CopyButton } from "./copy-button.tsx";
import { CHANNEL_LABELS, JOB_STATUS_LABELS, shortSha256, shortSourceLabel, sourceLabel } from "./labels.ts";

const STATUS_STYLES: Record<string, string> = {
  IMPORTED: "bg-brand-100 text-brand-800",
  RUNNING: "bg-sky-100 text-sky-900",
  REFUSED: "bg-amber-100 text-amber-900",
  FAILED: "bg-red-100 text-red-800",
};

const cell = "px-3 py-2 align-top";
const numberCell = cn(cell, "text-right tabular-nums whitespace-nowrap");
const muted = <span className="text-slate-400">—</span>;

function StatusBadge({ status }: { status: keyof typeof STATUS_STYLES }) {
  return (
    <span className={cn("inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium", STATUS_STYLES[status])}>
      {status === "IMPORTED" ? "Diimpor" : JOB_STATUS_LABELS[status]}
    </span>
  );
}

function Sha256({ value }: { value: string | null }) {
  if (!value) return muted;
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <code className="font-mono text-xs" title={value}>
        {shortSha256(value)}…
      </code>
      <CopyButton value={value} label="Salin SHA-256 lengkap" />
    </span>
  );
}

/**
 * Riwayat impor: batches and the attempts that left none (running, refused, failed), newest first.
 * Times are stored in UTC and shown in WIB; counts in id-ID digits.
 */
export function ImportHistoryTable({ entries }: { entries: ImportHistoryEntry[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Riwayat impor</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className={cell}>Waktu (WIB)</th>
            <th scope="col" className={cell}>Status</th>
            <th scope="col" className={cell}>Sumber</th>
            <th scope="col" className={cell}>Periode</th>
            <th scope="col" className={cell}>Saluran</th>
            <th scope="col" className={cell}>Berkas</th>
            <th scope="col" className={cell}>SHA-256</th>
            <th scope="col" className={cell}>Oleh</th>
            <th scope="col" className={cn(cell, "text-right")}>Baris data</th>
            <th scope="col" className={cn(cell, "text-right")}>Diterima</th>
            <th scope="col" className={cn(cell, "text-right")}>Ditolak</th>
            <th scope="col" className={cn(cell, "text-right")}>Duplikat</th>
            <th scope="col" className={cn(cell, "text-right")}>Peringatan</th>
            <th scope="col" className={cell}>Laporan</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={`${entry.kind}-${entry.id}`} data-testid={`riwayat-${entry.kind}`} data-id={entry.id}>
              <td className={cn(cell, "whitespace-nowrap")}>
                <time dateTime={entry.at.toISOString()} title={`${entry.at.toISOString()} (UTC)`}>
                  {formatWib(entry.at)}
                </time>
              </td>
              <td className={cell}>
                <StatusBadge status={entry.kind === "batch" ? "IMPORTED" : entry.status} />
              </td>
              <td className={cn(cell, "min-w-40 max-w-56")} title={sourceLabel(entry.source)}>
                {/* The agreement's annex stays in the title: the table is wide enough already. */}
                {shortSourceLabel(entry.source)}
                <code className="block font-mono text-xs text-slate-500">{entry.source}</code>
              </td>
              <td className={cn(cell, "whitespace-nowrap font-mono text-xs")}>{entry.period}</td>
              <td className={cn(cell, "whitespace-nowrap")}>{CHANNEL_LABELS[entry.channel] ?? entry.channel}</td>
              <td className={cn(cell, "min-w-32 max-w-64 [overflow-wrap:anywhere]")}>{entry.fileName ?? muted}</td>
              <td className={cell}>
                <Sha256 value={entry.fileSha256} />
              </td>
              <td className={cn(cell, "whitespace-nowrap font-mono text-xs")}>{entry.actorUsername}</td>
              {entry.kind === "batch" ? (
                <>
                  <td className={numberCell}>{formatCount(entry.dataRows)}</td>
                  <td className={numberCell}>{formatCount(entry.accepted)}</td>
                  <td className={numberCell}>{formatCount(entry.rejected)}</td>
                  <td className={numberCell}>{formatCount(entry.duplicates)}</td>
                  <td className={numberCell}>{formatCount(entry.warnings)}</td>
                  <td className={cn(cell, "whitespace-nowrap")}>
                    {entry.hasRejectReport ? (
                      <a href={`/impor/laporan/${entry.id}`} className="font-medium text-brand-700 underline" download>
                        Unduh laporan
                      </a>
                    ) : (
                      <span className="text-slate-500">Tidak ada</span>
                    )}
                  </td>
                </>
              ) : (
                <>
                  <td colSpan={5} className={cn(cell, "max-w-xl")}>
                    {entry.status === "RUNNING" ? (
                      <span className="text-slate-700">
                        Sedang {entry.phase}
                        {entry.rowsRead > 0 && <> · {formatCount(entry.rowsRead)} baris terbaca</>}
                      </span>
                    ) : (
                      <span className={entry.status === "FAILED" ? "text-red-800" : "text-amber-900"}>{entry.message ?? "Tanpa keterangan."}</span>
                    )}
                  </td>
                  <td className={cell}>{muted}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
