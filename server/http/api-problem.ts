import "server-only";
import { wellFormedRequestId } from "@/lib/request-id.ts";

/**
 * Errors of the JSON API as RFC 9457 problem details (`application/problem+json`). `code` is the
 * stable, machine-readable part (snake_case, like audit reasons); `type` is derived from it;
 * `title` and `detail` are for people, in Indonesian like the rest of Jangkau.
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** Per-field problems of a request body: a JSON Pointer-ish path and a message. */
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    title: string,
    detail: string,
    options: { headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
    this.status = status;
    this.code = code;
    this.title = title;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  toBody(requestId?: string | null): ProblemBody {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...this.extensions,
      ...(requestId ? { requestId } : {}),
    };
  }
}

/** A URN rather than a URL: nothing to host, still unique and stable. */
function problemType(code: string): string {
  return `urn:jangkau:problem:${code}`;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export function problemResponse(problem: ApiProblem, requestId?: string | null): Response {
  return new Response(JSON.stringify(problem.toBody(requestId)), {
    status: problem.status,
    headers: {
      "Content-Type": "application/problem+json; charset=utf-8",
      "Cache-Control": "no-store",
      ...(requestId ? { "X-Request-Id": requestId } : {}),
      ...problem.headers,
    },
  });
}

/**
 * Runs a JSON API handler: an ApiProblem becomes its problem+json answer; anything else is logged
 * with the request id and answered 500 without details.
 */
export async function answerApiRequest(request: Request, handle: () => Promise<Response>): Promise<Response> {
  // proxy.ts has already replaced a malformed id; checked again so a route it skips cannot echo one.
  const requestId = wellFormedRequestId(request.headers.get("x-request-id"));
  try {
    return await handle();
  } catch (error) {
    if (error instanceof ApiProblem) return problemResponse(error, requestId);
    console.error(`[api] ${request.method} ${new URL(request.url).pathname} gagal (request ${requestId ?? "-"})`, error);
    return problemResponse(
      new ApiProblem(500, "internal_error", "Kesalahan server", `Terjadi kesalahan yang tidak terduga. Bila berulang, hubungi admin Jangkau dengan ID permintaan ${requestId ?? "-"}.`),
      requestId,
    );
  }
}
