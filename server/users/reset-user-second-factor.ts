import "server-only";
import { z } from "zod";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { clearSecondFactor } from "@/server/auth/clear-second-factor.ts";
import { revokeAllSessionsOf } from "@/server/auth/sessions.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { findUserForChange } from "./find-user-for-change.ts";

export const resetSecondFactorSchema = z.object({ userId: z.uuid() });

export interface ResetUserSecondFactorOptions {
  input: z.input<typeof resetSecondFactorSchema>;
  actor: AuditActor;
  context: RequestContext;
}

/**
 * For a user who lost their phone and recovery codes: removes their second factor and ends their
 * sessions. An admin must enrol again at the next sign-in; others may.
 */
export async function resetUserSecondFactor({ input, actor, context }: ResetUserSecondFactorOptions): Promise<{ username: string }> {
  const { userId } = resetSecondFactorSchema.parse(input);
  return db.$transaction(async (tx) => {
    const user = await findUserForChange(tx, userId);
    if (user.id === actor.id) throw new DomainError("Atur ulang autentikator Anda sendiri lewat admin lain.");
    if (!user.secondFactorEnabledAt) throw new DomainError(`${user.username} belum memakai autentikator.`);
    await clearSecondFactor(tx, userId);
    const endedSessions = await revokeAllSessionsOf(tx, userId, "second_factor_reset");
    await appendAuditEvent(tx, {
      action: "user.totp_reset",
      actor,
      objectType: "user",
      objectId: userId,
      details: { endedSessions },
      context,
    });
    return { username: user.username };
  });
}
