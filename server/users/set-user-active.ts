import "server-only";
import { setUserActiveSchema } from "@/lib/user-schemas.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { revokeAllSessionsOf } from "@/server/auth/sessions.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { assertAnotherActiveAdmin } from "./admin-invariant.ts";
import { findUserForChange } from "./find-user-for-change.ts";

export interface SetUserActiveOptions {
  input: { userId: string; active: boolean };
  actor: AuditActor;
  context: RequestContext;
}

/** Deactivating ends the user's sessions at once; their history and audit trail stay. */
export async function setUserActive({ input, actor, context }: SetUserActiveOptions): Promise<void> {
  const { userId, active } = setUserActiveSchema.parse(input);
  await db.$transaction(async (tx) => {
    const user = await findUserForChange(tx, userId);
    if (user.active === active) return;
    if (!active && user.id === actor.id) throw new DomainError("Anda tidak dapat menonaktifkan akun Anda sendiri.");
    if (!active && user.role === "ADMIN") {
      await assertAnotherActiveAdmin(tx, user.id, "Admin aktif terakhir tidak dapat dinonaktifkan.");
    }
    await tx.user.update({ where: { id: userId }, data: { active } });
    const endedSessions = active ? 0 : await revokeAllSessionsOf(tx, userId, "user_inactive");
    await appendAuditEvent(tx, {
      action: active ? "user.activate" : "user.deactivate",
      actor,
      objectType: "user",
      objectId: userId,
      details: active ? undefined : { endedSessions },
      context,
    });
  });
}
