import "server-only";
import type { RequestContext } from "@/server/http/request-context.ts";

/** What audit events of work the queue started by itself (cron) record about "the request". */
export const SYSTEM_CONTEXT: RequestContext = Object.freeze({ ip: null, userAgent: "jangkau-worker", requestId: null });
