import { buildOpenApiDocument } from "@/server/partners/openapi-document.ts";

// Built per request: cheap, and it reflects the running configuration (rate limits).
export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the partner web service's OpenAPI 3.1 document. Public, like any API description. */
export async function GET(): Promise<Response> {
  return new Response(JSON.stringify(buildOpenApiDocument(), null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
