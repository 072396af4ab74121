import "server-only";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";

/** A short plain-text answer (a download that cannot be served), never cached. */
export function plainTextResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
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
