import { formatWib } from "@/components/audit/format-time.ts";
import { cn } from "@/components/ui/cn.ts";
import { isRegionScoped, ROLE_LABELS } from "@/lib/permissions.ts";
import { regionLabel } from "./region-label.ts";
import { UserRowActions, type UserActions, type UserRowView } from "./user-row-actions.tsx";

export interface UserTableRow extends UserRowView {
  /** Set while a lockout from failed sign-ins runs; null otherwise. */
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

function StatusBadges({ user }: { user: UserTableRow }) {
  const badge = "inline-block rounded-full px-2 py-0.5 text-xs font-medium";
  return (
    <div className="flex flex-col items-start gap-1">
      <span className={cn(badge, user.active ? "bg-brand-100 text-brand-800" : "bg-slate-200 text-slate-700")}>
        {user.active ? "Aktif" : "Nonaktif"}
      </span>
      {user.lockedUntil && (
        <span className={cn(badge, "bg-amber-100 text-amber-900")}>Terkunci sampai {formatWib(user.lockedUntil)}</span>
      )}
      {user.secondFactor && <span className={cn(badge, "bg-slate-100 text-slate-700")}>Autentikator aktif</span>}
    </div>
  );
}

/** The user list. Rows are plain data; each row's buttons are a small client island. */
export function UsersTable({ users, currentUserId, actions }: { users: UserTableRow[]; currentUserId: string; actions: UserActions }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Daftar pengguna</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Nama pengguna</th>
            <th scope="col" className="px-3 py-2">Nama lengkap</th>
            <th scope="col" className="px-3 py-2">Peran</th>
            <th scope="col" className="px-3 py-2">Wilayah</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Terakhir masuk</th>
            <th scope="col" className="px-3 py-2">Dibuat</th>
            <th scope="col" className="px-3 py-2">Tindakan</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((user) => (
            <tr key={user.id} data-testid={`pengguna-${user.username}`} className={cn("align-top", !user.active && "bg-slate-50 text-slate-500")}>
              <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-mono font-medium text-slate-900">
                {user.username}
                {user.id === currentUserId && <span className="ml-1 font-sans text-xs font-normal text-slate-500"> (Anda)</span>}
              </th>
              <td className="px-3 py-2">{user.name}</td>
              <td className="whitespace-nowrap px-3 py-2">{ROLE_LABELS[user.role]}</td>
              <td className="px-3 py-2">
                {user.regions.length === 0 ? (
                  <span className="text-slate-500">{isRegionScoped(user.role) ? "Belum ada" : "Semua / tidak dibatasi"}</span>
                ) : (
                  <ul className="space-y-0.5">
                    {user.regions.map((region) => (
                      <li key={region.code}>{regionLabel(region)}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="px-3 py-2">
                <StatusBadges user={user} />
              </td>
              <td className="whitespace-nowrap px-3 py-2">{user.lastLoginAt ? formatWib(user.lastLoginAt) : "Belum pernah"}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatWib(user.createdAt)}</td>
              <td className="min-w-80 px-3 py-2">
                <UserRowActions
                  user={{ id: user.id, username: user.username, name: user.name, role: user.role, active: user.active, locked: user.locked, secondFactor: user.secondFactor, regions: user.regions }}
                  isSelf={user.id === currentUserId}
                  actions={actions}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
