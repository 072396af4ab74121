import "server-only";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { issueRecoveryCodes } from "./recovery-codes.ts";
import { openTotpSecret, verifyTotpCode } from "./totp.ts";

export interface ConfirmTotpEnrolmentOptions {
  code: string;
  actor: AuditActor & { id: string };
  context: RequestContext;
}

/**
 * Activates the pending secret once the user's app produced a valid code for it, and issues ten
 * recovery codes, returned in clear this once (only their argon2id hashes are stored).
 */
export async function confirmTotpEnrolment({ code, actor, context }: ConfirmTotpEnrolmentOptions): Promise<{ recoveryCodes: string[] }> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, totpSecret: true, totpPendingSecret: true } });
    if (user.totpSecret) throw new DomainError("Autentikator sudah aktif untuk akun ini.");
    if (!user.totpPendingSecret) throw new DomainError("Muat ulang halaman untuk memulai pendaftaran autentikator.");
    const step = await verifyTotpCode(openTotpSecret(user.id, user.totpPendingSecret), code, null);
    if (step === null) throw new DomainError("Kode tidak cocok. Periksa jam ponsel Anda lalu masukkan kode yang sedang tampil.", "code");
    await tx.user.update({
      where: { id: user.id },
      // The confirming code's step counts as used: it cannot sign in a second time.
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    const recoveryCodes = await issueRecoveryCodes(tx, user.id);
    await appendAuditEvent(tx, {
      action: "auth.totp_enrol",
      actor,
      objectType: "user",
      objectId: user.id,
      details: { recoveryCodes: recoveryCodes.length },
      context,
    });
    return { recoveryCodes };
  });
}
