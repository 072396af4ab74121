import "server-only";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import type { Tx } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { consumeRecoveryCode } from "./recovery-codes.ts";
import { openTotpSecret, verifyTotpCode } from "./totp.ts";

export interface SecondFactorUser {
  id: string;
  totpSecret: string | null;
  totpLastStep: number | null;
}

export type SecondFactorMethod = "totp" | "recovery_code";

/**
 * Checks a code against the user's second factor: a 6-digit TOTP code (each time step accepted
 * once) or one of their unused recovery codes (then used up, and audited). Runs in the caller's
 * transaction, so the step or the used code is recorded with whatever the check unlocks.
 */
export async function verifySecondFactor(
  tx: Tx,
  user: SecondFactorUser,
  code: string,
  audit: { actor: AuditActor; context: RequestContext },
): Promise<SecondFactorMethod | null> {
  if (!user.totpSecret) return null;
  const step = await verifyTotpCode(openTotpSecret(user.id, user.totpSecret), code, user.totpLastStep);
  if (step !== null) {
    // Conditional on the step read before, so two requests racing with one code cannot both pass.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  const remaining = await consumeRecoveryCode(tx, user.id, code);
  if (remaining === null) return null;
  await appendAuditEvent(tx, {
    action: "auth.recovery_code_used",
    actor: audit.actor,
    objectType: "user",
    objectId: user.id,
    details: { remainingRecoveryCodes: remaining },
    context: audit.context,
  });
  return "recovery_code";
}
