import "server-only";
import { db } from "@/server/db/client.ts";

export function countUnusedRecoveryCodes(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
