import "server-only";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";

/** Deletes one of the user's own saved views; another user's view is "not found", like a missing one. */
export async function deleteLeadView({ userId, viewId }: { userId: string; viewId: string }): Promise<{ name: string }> {
  const view = await db.savedView.findFirst({ where: { id: viewId, userId }, select: { id: true, name: true } });
  if (!view) throw new DomainError("Tampilan tidak ditemukan; mungkin sudah dihapus.");
  await db.savedView.deleteMany({ where: { id: view.id, userId } });
  return { name: view.name };
}
