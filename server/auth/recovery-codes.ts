import "server-only";
import { randomInt } from "node:crypto";
import type { Tx } from "@/server/db/client.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

export const RECOVERY_CODE_COUNT = 10;
// Lowercase without look-alikes (0/o, 1/l/i): read off paper. 10 characters of 31 ≈ 49 bits,
// far beyond what five attempts before a lockout can guess.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_PATTERN = /^[a-z2-9]{5}-[a-z2-9]{5}$/;

export function normalizeRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/\s+/g, "");
}

/** Replaces a user's recovery codes with ten new ones; returns them in clear, to be shown once. */
export async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  // argon2id like passwords: a stolen table gives no usable code.
  const hashes = await Promise.all(codes.map((code) => hashPassword(code)));
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash })) });
  return codes;
}

/**
 * Uses up one recovery code. The update only succeeds while the code is unused, so two sign-ins
 * racing with the same code cannot both pass. Returns how many unused codes remain, or null
 * when the code matches none.
 */
export async function consumeRecoveryCode(tx: Tx, userId: string, code: string): Promise<number | null> {
  const normalized = normalizeRecoveryCode(code);
  if (!RECOVERY_CODE_PATTERN.test(normalized)) return null;
  const unused = await tx.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  for (const candidate of unused) {
    if (!(await verifyPassword(candidate.codeHash, normalized))) continue;
    const { count } = await tx.recoveryCode.updateMany({ where: { id: candidate.id, usedAt: null }, data: { usedAt: new Date() } });
    return count === 1 ? unused.length - 1 : null;
  }
  return null;
}
