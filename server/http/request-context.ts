import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { wellFormedRequestId } from "@/lib/request-id.ts";
import { clientAddress, PEER_ADDRESS_HEADER } from "./client-address.ts";

/** Who is asking, from where: recorded with every audit event. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export function requestContextFrom(source: HeaderSource): RequestContext {
  const read = (name: string): string | null => {
    if (typeof (source as { get?: unknown }).get === "function") {
      return (source as { get(name: string): string | null }).get(name);
    }
    const value = (source as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  };
  return {
    // Forwarded headers count only when the connection comes from a configured proxy.
    ip: clientAddress(read(PEER_ADDRESS_HEADER), read("x-forwarded-for")),
    userAgent: read("user-agent")?.slice(0, 500) ?? null,
    // proxy.ts sets it; on the few routes it skips, a client could send anything: keep only ids.
    requestId: wellFormedRequestId(read("x-request-id")) ?? randomUUID(),
  };
}

/** The current request's context inside a page, route handler or server action. */
export async function currentRequestContext(): Promise<RequestContext> {
  try {
    return requestContextFrom(await headers());
  } catch {
    // Outside a request (CLI, background job): no client to record.
    return { ip: null, userAgent: null, requestId: randomUUID() };
  }
}
