import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { formatBytes } from "@/lib/format-bytes.ts";
import type { ImportUploadInput } from "@/lib/imports.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { startMatchInBackground } from "@/server/matching/match-after-import.ts";
import { importFile } from "./import-file.ts";
import { createImportJob } from "./import-jobs.ts";
import { ImportRefusedError } from "./read/import-refused-error.ts";
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
  /** Settles (never rejects) once the background import has finished and its temp file is gone. */
  importDone: Promise<void>;
}

// A temp file this old belongs to an import whose process died (a restart mid-import); live
// imports of the largest files finish within minutes.
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/** Where uploads land while they are received and imported: inside the restricted storage folder. */
export function uploadTempDir(): string {
  return path.join(/*turbopackIgnore: true*/ storageDir(), "tmp");
}

/**
 * Receives an uploaded partner file and starts its import. The body is streamed to a temp file
 * (mode 0600, in the storage folder's temp area) with the size limit enforced as bytes arrive, so
 * memory stays flat whatever the size; then an import job is created and `importFile` runs in the
 * background — the caller answers at once with the job id and the page polls the job. The temp
 * file is deleted when the import ends, whatever the outcome (importFile keeps its own copy).
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

  let jobId: string;
  try {
    jobId = await createImportJob({ ...options.input, channel: "UPLOAD", actor: options.actor });
  } catch (error) {
    await rm(/*turbopackIgnore: true*/ tempPath, { force: true });
    throw error;
  }

  // Not awaited: the import of a large file takes minutes. importFile records the outcome on the
  // job and in the audit trail itself; a refusal is an expected outcome, anything else is logged
  // here (never the options: they carry the password).
  const importDone = importFile({
    source: options.input.source,
    period: options.input.period,
    filePath: tempPath,
    originalName: options.input.fileName,
    password: options.password,
    channel: "UPLOAD",
    actor: options.actor,
    context: options.context,
    jobId,
  })
    .then(
      async (summary) => {
        // The new records are resolved in the background; the import page follows the run.
        if (summary.status === "imported") await startMatchInBackground({ batchId: summary.batchId, actor: options.actor });
      },
      (error: unknown) => {
        if (!(error instanceof ImportRefusedError)) {
          console.error(`[impor] Impor unggahan gagal (job ${jobId}, permintaan ${options.context.requestId ?? "-"}):`, error);
        }
      },
    )
    .finally(() => rm(/*turbopackIgnore: true*/ tempPath, { force: true }).catch(() => undefined));

  return { jobId, bytes, importDone };
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
