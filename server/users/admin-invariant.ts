import "server-only";
import type { Tx } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";

// Serialises changes that could remove the last admin, so two admins demoting each other
// at the same moment cannot both succeed.
const ADMIN_CHANGE_LOCK_KEY = 7_020_117_002;

/** Refuses a change that would leave no active ADMIN besides `userId`. */
export async function assertAnotherActiveAdmin(tx: Tx, userId: string, message: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK_KEY}::bigint)`;
  const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: userId } } });
  if (others === 0) throw new DomainError(message);
}
