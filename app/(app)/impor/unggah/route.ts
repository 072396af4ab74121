import type { NextRequest } from "next/server";
import { MAX_ZIP_PASSWORD_CHARS, parseUploadQuery, ZIP_PASSWORD_HEADER } from "@/lib/imports.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { isSameOriginRequest } from "@/server/http/same-origin.ts";
import { receiveUpload, UploadRefusedError } from "@/server/ingest/receive-upload.ts";

export const dynamic = "force-dynamic";

/**
 * POST /impor/unggah?sumber=<source>&periode=<period>&nama=<file name>, the body being the file
 * itself (not multipart) and the ZIP password, percent-encoded, in `x-jangkau-zip-password`.
 * Streams the body to a temp file, starts the import in the background and answers 202 with the
 * job id the page then polls at /impor/status/<jobId>. proxy.ts does not run on this path: it
 * would buffer the whole body in memory (and cut it at 10 MB).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const { auditActor, context } = await requirePermission("imports.manage");
  // Route handlers get no CSRF protection from Next: only our own page may upload.
  if (!isSameOriginRequest(request.headers)) {
    return json(403, { message: "Unggahan ditolak: permintaan tidak berasal dari halaman Impor Data Jangkau." });
  }

  const parsed = parseUploadQuery(request.nextUrl.searchParams);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "")] ??= issue.message;
    return json(400, { message: Object.values(fieldErrors)[0] ?? "Periksa kembali isian formulir.", fieldErrors });
  }

  const password = decodePassword(request.headers.get(ZIP_PASSWORD_HEADER));
  if (password === null) return json(400, { message: "Kata sandi ZIP tidak dapat dibaca.", fieldErrors: { password: "Kata sandi ZIP tidak dapat dibaca." } });

  const declared = request.headers.get("content-length");
  try {
    const upload = await receiveUpload({
      body: request.body,
      declaredBytes: declared !== null && /^\d+$/.test(declared) ? Number(declared) : null,
      input: parsed.data,
      password,
      actor: auditActor,
      context,
      signal: request.signal,
    });
    return json(202, { jobId: upload.jobId, bytes: upload.bytes });
  } catch (error) {
    if (error instanceof UploadRefusedError) return json(error.status, { message: error.message });
    console.error(`[impor] Unggahan gagal (permintaan ${context.requestId ?? "-"})`, error);
    return json(500, {
      message: `Unggahan gagal karena kesalahan server. Coba lagi; bila berulang, hubungi admin dengan ID permintaan ${context.requestId ?? "-"}.`,
    });
  }
}

/** undefined: no password given; null: a header we cannot decode. */
function decodePassword(header: string | null): string | undefined | null {
  if (header === null || header === "") return undefined;
  try {
    const password = decodeURIComponent(header);
    return password.length <= MAX_ZIP_PASSWORD_CHARS ? password : null;
  } catch {
    return null;
  }
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
