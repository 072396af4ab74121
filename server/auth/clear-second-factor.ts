import "server-only";
import type { Tx } from "@/server/db/client.ts";

/** Removes a user's TOTP secret (active or pending) and all their recovery codes. */
export async function clearSecondFactor(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}
