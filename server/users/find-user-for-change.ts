import "server-only";
import type { Tx } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { toUserDto, userDtoSelect } from "./user-dto.ts";

export async function findUserForChange(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: userDtoSelect });
  if (!user) throw new DomainError("Pengguna tidak ditemukan.");
  return toUserDto(user);
}
