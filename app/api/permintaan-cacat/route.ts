import { refuseMalformedRequest } from "@/server/http/refuse-malformed-request.ts";

export const dynamic = "force-dynamic";

/**
 * Where scripts/next-server.mjs sends a request it found malformed (any method): audited, 400.
 * No guard: it serves nothing, and it answers 404 unless the serving layer marked the request.
 */
export const GET = refuseMalformedRequest;
export const HEAD = refuseMalformedRequest;
export const POST = refuseMalformedRequest;
export const PUT = refuseMalformedRequest;
export const PATCH = refuseMalformedRequest;
export const DELETE = refuseMalformedRequest;
export const OPTIONS = refuseMalformedRequest;
