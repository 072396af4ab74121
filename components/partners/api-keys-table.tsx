import { formatWib } from "@/components/audit/format-time.ts";
import { cn } from "@/components/ui/cn.ts";
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
}

export function ApiKeysTable({ keys, revokeAction }: { keys: ApiKeyRow[]; revokeAction: FormAction }) {
  const badge = "inline-block rounded-full px-2 py-0.5 text-xs font-medium";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Daftar kunci API mitra</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Awalan</th>
            <th scope="col" className="px-3 py-2">Mitra</th>
            <th scope="col" className="px-3 py-2">Nama</th>
            <th scope="col" className="px-3 py-2">Dibuat</th>
            <th scope="col" className="px-3 py-2">Terakhir dipakai</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Tindakan</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} data-testid={`kunci-${key.prefix}`} className={cn("align-top", key.revokedAt && "bg-slate-50 text-slate-500")}>
              <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-mono font-medium text-slate-900">
                {key.prefix}…
              </th>
              <td className="whitespace-nowrap px-3 py-2">{key.partnerLabel}</td>
              <td className="px-3 py-2">{key.name}</td>
              <td className="whitespace-nowrap px-3 py-2">
                {formatWib(key.createdAt)}
                <span className="block text-xs text-slate-500">oleh {key.createdByUsername}</span>
              </td>
              <td className="whitespace-nowrap px-3 py-2">{key.lastUsedAt ? formatWib(key.lastUsedAt) : <span className="text-slate-500">Belum pernah</span>}</td>
              <td className="whitespace-nowrap px-3 py-2">
                {key.revokedAt ? (
                  <>
                    <span className={cn(badge, "bg-slate-200 text-slate-700")}>Dicabut</span>
                    <span className="block text-xs text-slate-500">
                      {formatWib(key.revokedAt)}
                      {key.revokedByUsername && ` oleh ${key.revokedByUsername}`}
                    </span>
                  </>
                ) : (
                  <span className={cn(badge, "bg-brand-100 text-brand-800")}>Aktif</span>
                )}
              </td>
              <td className="px-3 py-2">
                {key.revokedAt ? <span className="text-slate-400">—</span> : (
                  <RevokeApiKeyButton apiKey={{ id: key.id, prefix: key.prefix, name: key.name, partnerLabel: key.partnerLabel }} revokeAction={revokeAction} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
