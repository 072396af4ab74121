import "server-only";
import { isRegionScoped } from "@/lib/permissions.ts";
import { updateUserSchema, type UpdateUserInput } from "@/lib/user-schemas.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { assertRecentReauth } from "@/server/auth/reauth-policy.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { assertAnotherActiveAdmin } from "./admin-invariant.ts";
import { assertAssignableRegions } from "./assert-regions-exist.ts";
import { findUserForChange } from "./find-user-for-change.ts";
import { toUserDto, userDtoSelect, type UserDto } from "./user-dto.ts";

export interface UpdateUserOptions {
  input: UpdateUserInput;
  actor: AuditActor;
  /** The acting session's last proof of identity: a role change needs one within 5 minutes. */
  session: { reauthenticatedAt: Date | null };
  context: RequestContext;
}

/** Changes a user's name, role and regions; each kind of change is its own audit event. */
export async function updateUser({ input, actor, session, context }: UpdateUserOptions): Promise<UserDto> {
  const data = updateUserSchema.parse(input);
  const regionCodes = isRegionScoped(data.role) ? data.regionCodes : [];
  return db.$transaction(async (tx) => {
    const before = await findUserForChange(tx, data.userId);
    const roleChanged = before.role !== data.role;
    if (roleChanged && before.id === actor.id) {
      throw new DomainError("Anda tidak dapat mengubah peran Anda sendiri.", "role");
    }
    if (roleChanged) assertRecentReauth(session);
    if (roleChanged && before.role === "ADMIN" && before.active) {
      await assertAnotherActiveAdmin(tx, before.id, "Admin aktif terakhir tidak dapat diubah perannya.");
    }
    await assertAssignableRegions(tx, regionCodes);

    const beforeRegions = before.regionCodes;
    const regionsChanged = beforeRegions.join(",") !== regionCodes.join(",");
    const user = await tx.user.update({
      where: { id: data.userId },
      data: {
        name: data.name,
        role: data.role,
        ...(regionsChanged && {
          regions: { deleteMany: {}, create: regionCodes.map((regionCode) => ({ regionCode })) },
        }),
      },
      select: userDtoSelect,
    });

    const object = { actor, objectType: "user", objectId: user.id, context } as const;
    if (before.name !== data.name) {
      await appendAuditEvent(tx, { ...object, action: "user.update", details: { fields: ["name"] } });
    }
    if (roleChanged) {
      await appendAuditEvent(tx, { ...object, action: "user.role_change", details: { from: before.role, to: data.role } });
    }
    if (regionsChanged) {
      await appendAuditEvent(tx, { ...object, action: "user.region_change", details: { from: beforeRegions, to: regionCodes } });
    }
    return toUserDto(user);
  });
}
