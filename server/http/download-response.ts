import "server-only";
import { createReadStream } from "node:fs";
import { PassThrough, Readable, type Writable } from "node:stream";

/** A short plain-text answer (a download that cannot be served), never cached. */
export function plainTextResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** A file built in memory as an attachment: never cached, its SHA-256 and extra facts as headers. */
export function fileDownloadResponse(
  file: { body: Uint8Array<ArrayBuffer>; fileName: string; sha256: string; contentType: string },
  extraHeaders: Record<string, string> = {},
): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.body.byteLength),
      "Cache-Control": "no-store",
      "X-Content-SHA256": file.sha256,
      ...extraHeaders,
    },
  });
}

/**
 * A file from the storage folder as an attachment, streamed (never read whole into memory), with
 * its SHA-256 in `X-Content-SHA256` so the receiver can check it against the audit record.
 */
export function storedFileResponse(file: { path: string; fileName: string; size: number; sha256: string; contentType: string }): Response {
  const body = Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ file.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.size),
      "Cache-Control": "no-store",
      "X-Content-SHA256": file.sha256,
    },
  });
}

/**
 * A file sent while it is written: the response starts at once and `write` fills it, settling
 * once the file is complete. Whatever becomes of it — success, or a reader that went away — the
 * writer records in the audit trail; a failure is only logged here (by file name and request id,
 * never a cell of the file).
 */
export function streamedFileResponse(
  write: (output: Writable) => Promise<unknown>,
  file: { fileName: string; contentType: string; requestId: string | null; logLabel: string },
  extraHeaders: Record<string, string> = {},
): Response {
  const body = new PassThrough();
  write(body).catch((error: unknown) => {
    console.error(`[${file.logLabel}] ${file.fileName} gagal (request ${file.requestId ?? "-"}):`, error instanceof Error ? error.message : error);
  });
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...extraHeaders,
    },
  });
}
