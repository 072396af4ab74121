"use client";

import { createContext, useContext, useMemo } from "react";
import { DataTable, dataTableColumns } from "@/components/data-table/data-table.tsx";
import { cn } from "@/components/ui/cn.ts";
import { formatWib } from "@/lib/format.ts";
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

const helper = dataTableColumns<UserTableRow>();

/**
 * Who is looking and what they may do, for the cells. Through context rather than captured in the
 * column definitions: the actions arrive anew with every server refresh, and new definitions
 * would remount every row — losing a row's open dialog and its "dinonaktifkan" notice.
 */
const UsersTableContext = createContext<{ currentUserId: string; actions: UserActions } | null>(null);

function YouMark({ user }: { user: UserTableRow }) {
  const context = useContext(UsersTableContext);
  return user.id === context?.currentUserId ? <span className="ml-1 font-sans text-xs font-normal text-slate-500"> (Anda)</span> : null;
}

function ActionsCell({ user }: { user: UserTableRow }) {
  const context = useContext(UsersTableContext)!;
  return (
    <div className="min-w-80">
      <UserRowActions
        user={{ id: user.id, username: user.username, name: user.name, role: user.role, active: user.active, locked: user.locked, secondFactor: user.secondFactor, regions: user.regions }}
        isSelf={user.id === context.currentUserId}
        actions={context.actions}
      />
    </div>
  );
}

const columns = helper.columns([
  helper.accessor("username", {
    id: "username",
    header: "Nama pengguna",
    enableHiding: false,
    cell: ({ row: { original: user } }) => (
      <span className="whitespace-nowrap font-mono font-medium text-slate-900">
        {user.username}
        <YouMark user={user} />
      </span>
    ),
  }),
  helper.accessor("name", { id: "name", header: "Nama lengkap" }),
  helper.accessor((user) => ROLE_LABELS[user.role], { id: "role", header: "Peran", cell: ({ getValue }) => <span className="whitespace-nowrap">{getValue()}</span> }),
  helper.display({
    id: "regions",
    header: "Wilayah",
    cell: ({ row: { original: user } }) =>
      user.regions.length === 0 ? (
        <span className="text-slate-500">{isRegionScoped(user.role) ? "Belum ada" : "Semua / tidak dibatasi"}</span>
      ) : (
        <ul className="space-y-0.5">
          {user.regions.map((region) => (
            <li key={region.code}>{regionLabel(region)}</li>
          ))}
        </ul>
      ),
  }),
  helper.accessor((user) => (user.active ? 0 : 1), { id: "status", header: "Status", cell: ({ row }) => <StatusBadges user={row.original} /> }),
  helper.accessor("lastLoginAt", {
    id: "lastLoginAt",
    header: "Terakhir masuk",
    sortUndefined: "last",
    cell: ({ getValue }) => {
      const at = getValue();
      return <span className="whitespace-nowrap">{at ? formatWib(at) : "Belum pernah"}</span>;
    },
  }),
  helper.accessor("createdAt", { id: "createdAt", header: "Dibuat", cell: ({ getValue }) => <span className="whitespace-nowrap">{formatWib(getValue())}</span> }),
  helper.display({ id: "actions", header: "Tindakan", cell: ({ row }) => <ActionsCell user={row.original} /> }),
]);

const SORTABLE = { username: "asc", name: "asc", role: "asc", status: "asc", lastLoginAt: "desc", createdAt: "desc" } as const;

/** The user list: the one DataTable, sorted in the browser (every user is on the page). */
export function UsersTable({ users, currentUserId, actions }: { users: UserTableRow[]; currentUserId: string; actions: UserActions }) {
  const context = useMemo(() => ({ currentUserId, actions }), [currentUserId, actions]);
  return (
    <UsersTableContext.Provider value={context}>
      <DataTable
        columns={columns}
        data={users}
        getRowId={(user) => user.id}
        caption="Daftar pengguna"
        sortable={SORTABLE}
        rowHeader="username"
        rowProps={(user) => ({ "data-testid": `pengguna-${user.username}`, className: cn(!user.active && "bg-slate-50 text-slate-500") })}
      />
    </UsersTableContext.Provider>
  );
}
