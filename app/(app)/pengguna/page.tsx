import { reauthenticateAction } from "@/app/akun/actions.ts";
import { ReauthButton } from "@/components/auth/reauth-button.tsx";
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { CreateUserDialog } from "@/components/users/create-user-dialog.tsx";
import type { RegionOption } from "@/components/users/region-label.ts";
import { UsersTable, type UserTableRow } from "@/components/users/users-table.tsx";
import { requirePermission } from "@/server/access/guard.ts";
import { getRegion } from "@/server/regions/get-region.ts";
import { listUsers } from "@/server/users/list-users.ts";
import {
  createUserAction,
  resetUserPasswordAction,
  resetUserSecondFactorAction,
  searchAssignableRegionsAction,
  setUserActiveAction,
  unlockUserAction,
  updateUserAction,
} from "./actions.ts";

export const metadata: Metadata = { title: "Pengguna" };

export default async function UsersPage() {
  const { actor } = await requirePermission("users.manage", { auditView: { action: "page.view", objectType: "page" } });
  const users = await listUsers();
  const regions = await regionsByCode(users.flatMap((user) => user.regionCodes));
  const now = new Date();

  const rows: UserTableRow[] = users.map((user) => ({
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    active: user.active,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null,
    locked: user.lockedUntil !== null && user.lockedUntil > now,
    secondFactor: user.secondFactorEnabledAt !== null,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    regions: user.regionCodes.map((code) => regions.get(code) ?? { code, name: code }),
  }));

  return (
    <>
      <PageHeader
        title="Pengguna"
        description="Akun yang dapat masuk ke Jangkau, peran dan wilayahnya. Setiap perubahan tercatat di jejak audit."
        actions={
          <>
            <Link href="/pengguna/pengambilan-prospek" className={buttonClass("secondary")}>
              Pengambilan prospek per wilayah
            </Link>
            <ReauthButton action={reauthenticateAction} />
            <CreateUserDialog createAction={createUserAction} searchRegionsAction={searchAssignableRegionsAction} />
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="Belum ada pengguna">
          <p>Tambahkan pengguna dengan tombol “Tambah pengguna”.</p>
        </EmptyState>
      ) : (
        <UsersTable
          users={rows}
          currentUserId={actor.userId}
          actions={{
            updateAction: updateUserAction,
            setActiveAction: setUserActiveAction,
            resetPasswordAction: resetUserPasswordAction,
            unlockAction: unlockUserAction,
            resetSecondFactorAction: resetUserSecondFactorAction,
            searchRegionsAction: searchAssignableRegionsAction,
          }}
        />
      )}
    </>
  );
}

/** Names for the regions users are assigned: a few hundred distinct codes at most. */
async function regionsByCode(codes: string[]): Promise<Map<string, RegionOption>> {
  const found = await Promise.all([...new Set(codes)].map((code) => getRegion({ code })));
  return new Map(found.filter((r) => r !== null).map((r) => [r.code, { code: r.code, name: r.name, level: r.level }]));
}
