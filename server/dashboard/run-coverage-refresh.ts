import "server-only";
import pg from "pg";
import { appendAuditEventPg, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { databaseUrl } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { MATCH_LOCK_KEY } from "@/server/matching/run-match.ts";
import { refreshCoverageStats, type CoverageRefreshSummary } from "./refresh-coverage.ts";

/**
 * The `coverage-refresh` job's work: the dashboard's statistics recomputed from `business` in a
 * transaction of their own, for when the figures they are grouped by changed without a match
 * run (reference data: regions, the KBLI table). A match run refreshes them inside its own write
 * transaction, so that the dashboard never counts a result the leads do not show yet; this one
 * waits for any run in progress (the runs' lock) for the same reason — and because two rewrites
 * of coverage_stat at once would each delete only what the other had not written yet, counting
 * twice. The refresh and its audit event (`dashboard.refresh`) commit together.
 */
export async function runCoverageRefresh(options: { actor: AuditActor; context: RequestContext; jobId: string }): Promise<CoverageRefreshSummary> {
  const client = new pg.Client({ connectionString: databaseUrl(), application_name: "jangkau-coverage-refresh" });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock($1::bigint)`, [MATCH_LOCK_KEY]);
    await client.query("BEGIN");
    const summary = await refreshCoverageStats(client, 0);
    await appendAuditEventPg(client, {
      action: "dashboard.refresh",
      actor: options.actor,
      context: options.context,
      objectType: "job",
      objectId: options.jobId,
      details: { rows: summary.rows, period: summary.period, milliseconds: Math.round(summary.milliseconds) },
    });
    await client.query("COMMIT");
    return summary;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    // Closing the connection releases the runs' lock too.
    await client.end().catch(() => undefined);
  }
}
