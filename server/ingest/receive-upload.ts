import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { formatBytes } from "@/lib/format.ts";
import type { ImportUploadInput } from "@/lib/imports.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { enqueueJob } from "@/server/jobs/enqueue-job.ts";
import type { JobPayloads } from "@/server/jobs/job-definitions.ts";
import { sealSecret } from "@/server/secrets/secret-box.ts";
import { db } from "@/server/db/client.ts";
import { createImportJob, finishImportJob } from "./import-jobs.ts";
import { resolveReadLimits } from "./read/read-limits.ts";
import { storageDir } from "./storage.ts";

/** An upload the server will not take, with the HTTP status the route answers. */
export class UploadRefusedError extends DomainError {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = "UploadRefusedError";
  }
}

export interface ReceiveUploadOptions {
  /** The request body: the file's bytes as the browser sends them (not multipart). */
  body: ReadableStream<Uint8Array> | null;
  /** Content-Length as the client declared it, when it did: refused before reading when too big. */
  declaredBytes?: number | null;
  input: ImportUploadInput;
  /** For password-protected ZIPs: handed to the import, never stored or logged. */
  password?: string;
  actor: AuditActor;
  context: RequestContext;
  /** Aborted when the client goes away mid-upload. */
  signal?: AbortSignal;
  /** Defaults to the import's own limit (JANGKAU_IMPORT_MAX_FILE_MB, 2048). */
  maxBytes?: number;
}

export interface ReceivedUpload {
  jobId: string;
  /** Bytes received. */
  bytes: number;
  /** The queue's job that imports it (pgboss.job id). */
  queueJobId: string;
}

// A temp file this old belongs to an import no worker will take any more (cancelled, failed for
// good, or its queue lost); queued imports are taken within seconds while a worker runs.
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** Where uploads land while they are received and imported: inside the restricted storage folder. */
export function uploadTempDir(): string {
  return path.join(/*turbopackIgnore: true*/ storageDir(), "tmp");
}

/** The secret-box context a queued upload's ZIP password is sealed under. */
export function importPasswordContext(importJobId: string): string {
  return `import-job/${importJobId}/zip-password`;
}

/** Where a queued upload waits: only a name this module made, inside the upload folder. */
export function queuedUploadPath(storedPath: string): string {
  if (!/^tmp\/upload-[0-9a-f-]{36}(\.[a-z0-9]{1,10})?$/.test(storedPath)) throw new Error("Berkas antrean impor tidak sah.");
  return path.join(/*turbopackIgnore: true*/ uploadTempDir(), path.basename(storedPath));
}

/**
 * Receives an uploaded partner file and queues its import. The body is streamed to a temp file
 * (mode 0600, in the storage folder's temp area) with the size limit enforced as bytes arrive, so
 * memory stays flat whatever the size; then an import job row is created and an `import` job
 * queued — the caller answers at once with the job id and the page polls the row, which a worker
 * (server/jobs/handlers/import.ts) fills in. The worker deletes the temp file when it is done.
 */
export async function receiveUpload(options: ReceiveUploadOptions): Promise<ReceivedUpload> {
  const maxBytes = options.maxBytes ?? resolveReadLimits().maxFileBytes;
  const tooLarge = () => new UploadRefusedError(413, `Berkas terlalu besar: paling besar ${formatBytes(maxBytes)}.`);
  if (options.declaredBytes != null && options.declaredBytes > maxBytes) throw tooLarge();
  if (!options.body) throw new UploadRefusedError(400, "Berkas kosong: tidak ada data yang diterima.");

  const dir = uploadTempDir();
  await mkdir(/*turbopackIgnore: true*/ dir, { recursive: true, mode: 0o700 });
  await removeStaleTempFiles(dir);

  const extension = path.extname(options.input.fileName).toLowerCase();
  const tempPath = path.join(/*turbopackIgnore: true*/ dir, `upload-${randomUUID()}${extension}`);
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(tooLarge());
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(options.body as NodeReadableStream<Uint8Array>),
      limiter,
      createWriteStream(/*turbopackIgnore: true*/ tempPath, { mode: 0o600, flags: "wx" }),
      { signal: options.signal },
    );
    if (bytes === 0) throw new UploadRefusedError(400, "Berkas kosong: tidak ada data yang diterima.");
  } catch (error) {
    await rm(/*turbopackIgnore: true*/ tempPath, { force: true });
    if (error instanceof UploadRefusedError) throw error;
    if (options.signal?.aborted || isAbort(error)) {
      throw new UploadRefusedError(400, "Unggahan terputus sebelum selesai; tidak ada yang diimpor. Coba unggah lagi.");
    }
    throw error;
  }

  const queued = await queueImport({
    input: { source: options.input.source, period: options.input.period, fileName: options.input.fileName },
    channel: "UPLOAD",
    tempPath,
    // Sealed: the queue's rows are no place for a password in clear.
    sealPassword: options.password,
    actor: options.actor,
    context: options.context,
  });
  return { ...queued, bytes };
}

export interface QueueImportOptions {
  input: { source: string; period: string; fileName: string | null };
  channel: "UPLOAD" | "API";
  /** The delivery, already written into the upload folder (uploadTempDir). */
  tempPath: string;
  /** A ZIP password: sealed into the job, never stored in clear. */
  sealPassword?: string;
  /** A partner's call through the web service: its audit details, recorded with the batch. */
  partnerCall?: JobPayloads["import"]["partnerCall"];
  actor: AuditActor;
  context: RequestContext;
}

/**
 * Creates the import job row and queues its `import` job for a delivery that waits in the upload
 * folder (an upload's file, a partner's JSON batch); a worker imports it into that row and
 * deletes the file. When the job cannot be queued, the file goes and the row says so.
 */
export async function queueImport(options: QueueImportOptions): Promise<{ jobId: string; queueJobId: string }> {
  let jobId: string | null = null;
  try {
    jobId = await createImportJob({ ...options.input, channel: options.channel, actor: options.actor });
    const queueJobId = await enqueueJob("import", {
      importJobId: jobId,
      source: options.input.source,
      period: options.input.period,
      storedPath: path.posix.join("tmp", path.basename(options.tempPath)),
      originalName: options.input.fileName ?? path.basename(options.tempPath),
      channel: options.channel,
      sealedPassword: options.sealPassword ? sealSecret(options.sealPassword, importPasswordContext(jobId)) : undefined,
      partnerCall: options.partnerCall,
      actor: options.actor,
      context: options.context,
    });
    if (!queueJobId) throw new Error("Antrean tidak menerima pekerjaan impor.");
    await db.importJob.update({ where: { id: jobId }, data: { queueJobId, phase: "menunggu" } });
    return { jobId, queueJobId };
  } catch (error) {
    await rm(/*turbopackIgnore: true*/ options.tempPath, { force: true });
    if (jobId) await finishImportJob(jobId, { status: "FAILED", message: "Impor tidak dapat diantrekan." }).catch(() => undefined);
    throw error;
  }
}

/** Writes a delivery received whole (a partner's JSON batch) into the upload folder, owner-only. */
export async function writeQueuedDelivery(contents: string, extension: string): Promise<string> {
  const dir = uploadTempDir();
  await mkdir(/*turbopackIgnore: true*/ dir, { recursive: true, mode: 0o700 });
  const tempPath = path.join(/*turbopackIgnore: true*/ dir, `upload-${randomUUID()}.${extension}`);
  await writeFile(/*turbopackIgnore: true*/ tempPath, contents, { mode: 0o600, flag: "wx" });
  return tempPath;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || (error as NodeJS.ErrnoException).code === "ECONNRESET");
}

/** Deletes uploads left behind by a process that died mid-import. Best effort. */
async function removeStaleTempFiles(dir: string): Promise<void> {
  try {
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const name of await readdir(/*turbopackIgnore: true*/ dir)) {
      if (!name.startsWith("upload-")) continue;
      const file = path.join(/*turbopackIgnore: true*/ dir, name);
      const { mtimeMs } = await stat(/*turbopackIgnore: true*/ file).catch(() => ({ mtimeMs: Infinity }));
      if (mtimeMs < cutoff) await rm(/*turbopackIgnore: true*/ file, { force: true });
    }
  } catch {
    // A sweep that fails must not refuse the upload.
  }
}
