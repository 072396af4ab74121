import { formatWib } from "@/components/audit/format-time.ts";
import { shortSha256 } from "@/components/imports/labels.ts";
import { cn } from "@/components/ui/cn.ts";
import { formatBytes } from "@/lib/format-bytes.ts";
import { SFTP_FETCH_STATUS_LABELS, type SftpFetchStatus } from "@/lib/sftp.ts";
import type { SftpFetchDto } from "@/server/sftp/list-sftp-fetches.ts";

/** The server's DTO minus what the table does not show. */
export type SftpFetchRow = Omit<SftpFetchDto, "endpointId">;

const STATUS_CLASSES: Record<SftpFetchStatus, string> = {
  IMPORTED: "bg-brand-100 text-brand-800",
  ALREADY_IMPORTED: "bg-slate-200 text-slate-700",
  REFUSED: "bg-red-100 text-red-800",
  FAILED: "bg-amber-100 text-amber-900",
};

/** Every file a pull fetched, newest first: what it was, its hash, and what became of it. */
export function SftpFetchHistory({ fetches }: { fetches: SftpFetchRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Riwayat pengambilan berkas SFTP</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Diambil</th>
            <th scope="col" className="px-3 py-2">Sumber</th>
            <th scope="col" className="px-3 py-2">Berkas</th>
            <th scope="col" className="px-3 py-2">Ukuran</th>
            <th scope="col" className="px-3 py-2">Diubah di server</th>
            <th scope="col" className="px-3 py-2">Periode</th>
            <th scope="col" className="px-3 py-2">Hasil</th>
            <th scope="col" className="px-3 py-2">SHA-256</th>
            <th scope="col" className="px-3 py-2">Keterangan</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {fetches.map((fetch) => (
            <tr key={fetch.id} className="align-top">
              <td className="whitespace-nowrap px-3 py-2">
                {formatWib(fetch.fetchedAt)}
                <span className="block text-xs text-slate-500">{fetch.actorUsername}</span>
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono">{fetch.endpointName}</td>
              <th scope="row" className="min-w-48 break-all px-3 py-2 text-left font-mono font-normal">{fetch.remotePath}</th>
              <td className="whitespace-nowrap px-3 py-2">{formatBytes(fetch.size)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatWib(fetch.remoteMtime)}</td>
              <td className="whitespace-nowrap px-3 py-2">{fetch.period ?? "—"}</td>
              <td className="whitespace-nowrap px-3 py-2">
                <span className={cn("inline-block rounded-full px-2 py-0.5 text-xs font-medium", STATUS_CLASSES[fetch.status])}>{SFTP_FETCH_STATUS_LABELS[fetch.status]}</span>
                {fetch.batchId && <span className="block font-mono text-xs text-slate-500">batch {fetch.batchId.slice(0, 8)}</span>}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{fetch.sha256 ? <span title={fetch.sha256}>{shortSha256(fetch.sha256)}…</span> : "—"}</td>
              <td className="px-3 py-2 text-slate-600">{fetch.message ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
