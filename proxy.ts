import { NextResponse, type NextRequest } from "next/server";
import { HSTS_HEADER_VALUE, publicUrlIsHttps } from "@/lib/public-url.ts";
import { wellFormedRequestId } from "@/lib/request-id.ts";

/**
 * Stamps every request with an id and its path (for audit records) and sets a nonce-based
 * Content-Security-Policy. It is NOT an access check: pages, route handlers and server actions
 * each call the guard in server/access/guard.ts themselves.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  // Keep an upstream proxy's id when it looks like one; never trust arbitrary text into the audit trail.
  requestHeaders.set("x-request-id", wellFormedRequestId(request.headers.get("x-request-id")) ?? crypto.randomUUID());
  requestHeaders.set("x-jangkau-path", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestHeaders.get("x-request-id")!);
  // Only when users reach the app over https: HSTS on a plain-http deployment would lock them out.
  // Read here, not through server/config.ts: the proxy is bundled apart from server-only modules.
  if (publicUrlIsHttps(process.env.NEXTAUTH_URL)) response.headers.set("strict-transport-security", HSTS_HEADER_VALUE);
  return response;
}

export const config = {
  // Not /impor/unggah: Next buffers the whole body of every request the proxy runs on (and cuts
  // it at 10 MB), and uploads there stream files of up to 2 GB to disk. Its handler still calls
  // the guard; it only misses the request id (generated instead) and the path in denial records.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|impor/unggah).*)"],
};
