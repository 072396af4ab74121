import "server-only";
import type { SftpFetchStatus } from "@/lib/sftp.ts";
import { db } from "@/server/db/client.ts";

export interface SftpFetchDto {
  id: string;
  endpointId: string;
  endpointName: string;
  remotePath: string;
  size: number;
  remoteMtime: Date;
  sha256: string | null;
  period: string | null;
  status: SftpFetchStatus;
  message: string | null;
  batchId: string | null;
  actorUsername: string;
  fetchedAt: Date;
}

export interface ListSftpFetchesOptions {
  endpointId?: string;
  /** Newest first; the history table shows the last few hundred. */
  limit?: number;
}

export async function listSftpFetches(options: ListSftpFetchesOptions = {}): Promise<SftpFetchDto[]> {
  const rows = await db.sftpFetch.findMany({
    where: options.endpointId ? { endpointId: options.endpointId } : undefined,
    orderBy: [{ fetchedAt: "desc" }, { id: "asc" }],
    take: Math.min(options.limit ?? 100, 500),
    select: {
      id: true,
      endpointId: true,
      endpoint: { select: { name: true } },
      remotePath: true,
      size: true,
      remoteMtime: true,
      sha256: true,
      period: true,
      status: true,
      message: true,
      batchId: true,
      actorUsername: true,
      fetchedAt: true,
    },
  });
  return rows.map(({ endpoint, size, ...row }) => ({ ...row, endpointName: endpoint.name, size: Number(size) }));
}
