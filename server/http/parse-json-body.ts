import "server-only";
import type { z } from "zod";
import { ApiProblem } from "./api-problem.ts";

/** 415 unless the request says it carries JSON (`application/json` or `application/…+json`). */
export function requireJson(contentType: string | null): void {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType)) return;
  throw new ApiProblem(415, "unsupported_media_type", "Jenis isi tidak didukung", "Kirim badan permintaan sebagai JSON (Content-Type: application/json).");
}

/** A request body as UTF-8 JSON checked by a schema; each failure a 400 problem naming the first wrong field. */
export function parseJsonBody<Schema extends z.ZodType>(bytes: Uint8Array, schema: Schema): z.output<Schema> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiProblem(400, "invalid_encoding", "Badan permintaan bukan UTF-8", "Badan permintaan harus JSON dalam UTF-8.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiProblem(400, "invalid_json", "JSON tidak sah", `Badan permintaan bukan JSON yang sah: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 100).map((issue) => ({ path: `/${issue.path.join("/")}`, message: issue.message }));
    throw new ApiProblem(400, "invalid_body", "Isi permintaan tidak sah", errors[0] ? `${errors[0].path}: ${errors[0].message}` : "Isi permintaan tidak sah.", {
      extensions: { errors },
    });
  }
  return parsed.data;
}
