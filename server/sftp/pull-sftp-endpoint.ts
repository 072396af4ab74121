import "server-only";
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { formatBytes } from "@/lib/format.ts";
import {
  matchesFilePattern,
  periodForMtime,
  sftpEndpointIdSchema,
  type SftpFetchStatus,
  type SftpPullCounts,
  type SftpPulledFileOutcome,
} from "@/lib/sftp.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { SftpEndpoint } from "@/server/db/generated/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { ImportRefusedError } from "@/server/ingest/read/open-partner-file.ts";
import { resolveReadLimits } from "@/server/ingest/read/read-limits.ts";
import { createStoredFile, removeStoredFile, storedFilePath } from "@/server/ingest/storage.ts";
import { sftpTargetOf } from "./load-sftp-target.ts";
import { connectSftp, listRemoteFiles, SftpConnectionError, type RemoteFile, type SftpConnection } from "./sftp-connection.ts";

export interface PullSftpEndpointOptions {
  endpointId: string;
  actor: AuditActor;
  context: RequestContext;
  /** For tests: the clock that decides which files are still being written. */
  now?: () => Date;
}

export type PulledFileOutcome = SftpPulledFileOutcome;
export type { SftpPullCounts };

export interface PulledFile {
  name: string;
  remotePath: string;
  size: number;
  mtime: Date;
  outcome: PulledFileOutcome;
  /** Why it was skipped, refused or failed; for imports, null. */
  message: string | null;
  period: string | null;
  sha256: string | null;
  batchId: string | null;
  dataRows?: number;
  accepted?: number;
  rejected?: number;
}


export interface SftpPullResult {
  endpointId: string;
  endpointName: string;
  /** The source its files are imported as. */
  source: string;
  /** "failed": the endpoint could not be reached or read at all (see `message`); no file was touched. */
  status: "completed" | "failed";
  message: string | null;
  hostKeySha256: string | null;
  counts: SftpPullCounts;
  files: PulledFile[];
}

/** A skipped file's message when an earlier pull already imported it (the CLI folds these into one line). */
export const ALREADY_FETCHED_MESSAGE = "Sudah diambil sebelumnya.";
const ALREADY_IMPORTED_MESSAGE = "Isi berkas ini sudah pernah diimpor (sha256 sama).";

// A file whose modification time is this recent may still be being uploaded by the partner:
// left for the next pull. A minute covers an upload's last write and small clock differences.
const SETTLE_MS = 60_000;
// Two pulls of one endpoint never overlap. The lease is renewed after every file, so it only has
// to outlast one file (a 2 GB download plus its import); a pull whose process died frees the
// endpoint again after this long.
const LEASE_MS = 30 * 60_000;

/**
 * Fetches the endpoint's new files and imports them. A file is new unless a fetch of the same
 * path, size and mtime already ended in an import (or a refusal the endpoint's settings have not
 * changed since); its bytes already imported for the source (same sha256) are not imported again.
 * Each new file is downloaded under a server-generated name (0600) in the storage folder and
 * imported with the endpoint's source and ZIP password. One broken file is recorded and the pull
 * goes on with the next. The pull is audited as `sftp.pull` with its counts.
 */
export async function pullSftpEndpoint(options: PullSftpEndpointOptions): Promise<SftpPullResult> {
  const { endpointId } = sftpEndpointIdSchema.parse({ endpointId: options.endpointId });
  const endpoint = await acquirePullLease(endpointId);
  const result: SftpPullResult = {
    endpointId: endpoint.id,
    endpointName: endpoint.name,
    source: endpoint.source,
    status: "completed",
    message: null,
    hostKeySha256: null,
    counts: { listed: 0, matched: 0, imported: 0, alreadyImported: 0, skipped: 0, refused: 0, failed: 0 },
    files: [],
  };
  let failure: SftpConnectionError | null = null;
  try {
    const { target, zipPassword } = sftpTargetOf(endpoint);
    const connection = await connectSftp(target);
    result.hostKeySha256 = connection.hostKeySha256;
    try {
      const listed = await listRemoteFiles(connection, endpoint.remoteDir);
      const matched = listed.filter((file) => matchesFilePattern(file.name, endpoint.filePattern));
      result.counts.listed = listed.length;
      result.counts.matched = matched.length;
      for (const file of matched) {
        const pulled = await pullOneFile({ connection, endpoint, file, zipPassword, options });
        result.files.push(pulled);
        result.counts[COUNT_OF[pulled.outcome]] += 1;
        await renewPullLease(endpoint.id);
      }
    } finally {
      await connection.end();
    }
  } catch (error) {
    if (!(error instanceof SftpConnectionError)) {
      await releasePullLease(endpoint.id);
      throw error;
    }
    failure = error;
    result.status = "failed";
    result.message = error.message;
    result.hostKeySha256 = error.presentedHostKey;
  }

  await db.$transaction(async (tx) => {
    await tx.sftpEndpoint.update({ where: { id: endpoint.id }, data: { pullLeaseUntil: null, lastPullAt: new Date() } });
    await appendAuditEvent(tx, {
      action: "sftp.pull",
      outcome: failure ? "FAILURE" : "SUCCESS",
      reason: failure?.code,
      actor: options.actor,
      objectType: "sftp_endpoint",
      objectId: endpoint.id,
      context: options.context,
      details: {
        name: endpoint.name,
        source: endpoint.source,
        hostKeySha256: result.hostKeySha256,
        ...result.counts,
        // What happened to each file handled (skipped ones are only counted); bounded for huge folders.
        files: result.files
          .filter((file) => file.outcome !== "skipped")
          .slice(0, 100)
          .map((file) => ({ path: file.remotePath, outcome: file.outcome, sha256: file.sha256, batchId: file.batchId })),
      },
    });
  });
  return result;
}

const COUNT_OF: Record<PulledFileOutcome, keyof SftpPullCounts> = {
  imported: "imported",
  "already-imported": "alreadyImported",
  skipped: "skipped",
  refused: "refused",
  failed: "failed",
};

async function acquirePullLease(endpointId: string): Promise<SftpEndpoint> {
  const now = new Date();
  const { count } = await db.sftpEndpoint.updateMany({
    where: { id: endpointId, active: true, OR: [{ pullLeaseUntil: null }, { pullLeaseUntil: { lt: now } }] },
    data: { pullLeaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  const endpoint = await db.sftpEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) throw new DomainError("Sumber SFTP tidak ditemukan.");
  if (count === 1) return endpoint;
  if (!endpoint.active) throw new DomainError(`Sumber SFTP ${endpoint.name} nonaktif; aktifkan dulu untuk menarik berkas.`);
  throw new DomainError(`Penarikan dari ${endpoint.name} sedang berjalan; tunggu sampai selesai.`);
}

async function renewPullLease(endpointId: string): Promise<void> {
  await db.sftpEndpoint.update({ where: { id: endpointId }, data: { pullLeaseUntil: new Date(Date.now() + LEASE_MS) } });
}

async function releasePullLease(endpointId: string): Promise<void> {
  await db.sftpEndpoint.update({ where: { id: endpointId }, data: { pullLeaseUntil: null } }).catch(() => undefined);
}

interface PullOneFileInput {
  connection: SftpConnection;
  endpoint: SftpEndpoint;
  file: RemoteFile;
  zipPassword: string | undefined;
  options: PullSftpEndpointOptions;
}

async function pullOneFile({ connection, endpoint, file, zipPassword, options }: PullOneFileInput): Promise<PulledFile> {
  const base = { name: file.name, remotePath: file.remotePath, size: file.size, mtime: file.mtime, period: null, sha256: null, batchId: null };
  const skip = (message: string): PulledFile => ({ ...base, outcome: "skipped", message });

  const previous = await db.sftpFetch.findFirst({
    where: { endpointId: endpoint.id, remotePath: file.remotePath, size: BigInt(file.size), remoteMtime: file.mtime },
    orderBy: { fetchedAt: "desc" },
    select: { status: true, message: true, fetchedAt: true },
  });
  if (previous?.status === "IMPORTED" || previous?.status === "ALREADY_IMPORTED") return skip(ALREADY_FETCHED_MESSAGE);
  if (previous?.status === "REFUSED" && previous.fetchedAt >= endpoint.updatedAt) {
    return skip(`Ditolak pada penarikan sebelumnya (${previous.message ?? "tanpa keterangan"}); ubah pengaturan sumber ini untuk mencoba lagi.`);
  }
  const now = options.now?.() ?? new Date();
  if (now.getTime() - file.mtime.getTime() < SETTLE_MS) return skip("Baru saja diubah (mungkin masih diunggah); diambil pada penarikan berikutnya.");

  const period = endpoint.periodOverride ?? periodForMtime(file.mtime);
  const record = async (status: SftpFetchStatus, fields: { sha256?: string | null; message?: string | null; batchId?: string | null; storedFile?: string | null }) => {
    await db.sftpFetch.create({
      data: {
        endpointId: endpoint.id,
        remotePath: file.remotePath,
        size: BigInt(file.size),
        remoteMtime: file.mtime,
        period,
        status,
        sha256: fields.sha256 ?? null,
        message: fields.message?.slice(0, 1000) ?? null,
        batchId: fields.batchId ?? null,
        storedFile: fields.storedFile ?? null,
        actorUsername: options.actor.username,
      },
    });
  };

  const { maxFileBytes } = resolveReadLimits();
  if (file.size > maxFileBytes) {
    const message = `Berkas ${formatBytes(file.size)} melebihi batas ${formatBytes(maxFileBytes)}; tidak diunduh.`;
    await record("REFUSED", { message });
    return { ...base, period, outcome: "refused", message };
  }

  let download: { name: string; sha256: string } | null = null;
  try {
    download = await downloadFile(connection, file);
  } catch (error) {
    const message = `Unduhan gagal: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
    await record("FAILED", { message });
    return { ...base, period, outcome: "failed", message };
  }
  const { sha256 } = download;

  try {
    const earlier = await db.importBatch.findUnique({ where: { source_fileSha256: { source: endpoint.source, fileSha256: sha256 } }, select: { id: true } });
    if (earlier) {
      await removeStoredFile(download.name);
      const message = ALREADY_IMPORTED_MESSAGE;
      await record("ALREADY_IMPORTED", { sha256, batchId: earlier.id, message });
      return { ...base, period, sha256, batchId: earlier.id, outcome: "already-imported", message };
    }

    const summary = await importFile({
      source: endpoint.source,
      period,
      filePath: storedFilePath(download.name),
      originalName: file.name,
      password: zipPassword,
      channel: "SFTP",
      actor: options.actor,
      context: options.context,
    });
    // The import archived its own copy of the file with the batch: ours is no longer needed.
    await removeStoredFile(download.name);
    const batch = await db.importBatch.findUnique({ where: { id: summary.batchId }, select: { storedFile: true } });
    const imported = summary.status === "imported";
    await record(imported ? "IMPORTED" : "ALREADY_IMPORTED", {
      sha256,
      batchId: summary.batchId,
      storedFile: batch?.storedFile ?? null,
      message: imported ? null : ALREADY_IMPORTED_MESSAGE,
    });
    return {
      ...base,
      period,
      sha256,
      batchId: summary.batchId,
      outcome: imported ? "imported" : "already-imported",
      message: imported ? null : ALREADY_IMPORTED_MESSAGE,
      dataRows: summary.dataRows,
      accepted: summary.accepted,
      rejected: summary.rejected,
    };
  } catch (error) {
    if (error instanceof ImportRefusedError) {
      // Kept, so an admin can look at what the partner actually sent.
      await record("REFUSED", { sha256, message: error.message, storedFile: download.name });
      return { ...base, period, sha256, outcome: "refused", message: error.message };
    }
    await removeStoredFile(download.name);
    const message = `Impor gagal: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
    await record("FAILED", { sha256, message }).catch(() => undefined);
    return { ...base, period, sha256, outcome: "failed", message };
  }
}

/**
 * Streams the remote file into a new stored file (server-generated name, 0600), hashing it on the
 * way. A file that changed size while being read is discarded: the partner was still writing it.
 */
async function downloadFile(connection: SftpConnection, file: RemoteFile): Promise<{ name: string; sha256: string }> {
  const extension = /\.([a-z0-9]{1,10})$/i.exec(file.name)?.[1]?.toLowerCase() ?? "dat";
  const target = await createStoredFile("raw", extension);
  const hash = createHash("sha256");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      // The listing's size bounds what we accept: a file growing under us is not finished.
      if (bytes > file.size) return callback(new Error("berkas bertambah besar saat diunduh (masih diunggah?)"));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(connection.client.createReadStream(file.remotePath), tap, target.stream);
    if (bytes !== file.size) throw new Error(`ukuran berubah saat diunduh (${bytes} dari ${file.size} byte)`);
    return { name: target.name, sha256: hash.digest("hex") };
  } catch (error) {
    await rm(target.path, { force: true });
    throw error;
  }
}
