import "server-only";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

/**
 * Every kind of background work, its payload and how the queue treats it: one place, so the
 * owner's install (which creates one queue per name), the senders and the worker agree.
 *
 * Every payload carries the actor who started the work (the system actor for cron), because the
 * job's audit events name them exactly as the same work done inside a request would.
 */
export interface JobPayloads {
  /** A partner file already in the storage folder, imported into its import_job row. */
  import: {
    importJobId: string;
    source: string;
    period: string;
    /** Inside the storage folder (server/ingest/storage.ts), relative to it. */
    storedPath: string;
    originalName: string;
    channel: "UPLOAD" | "SFTP" | "API" | "CLI";
    /** A ZIP password sealed with the secret box (server/secrets/secret-box.ts), never in clear. */
    sealedPassword?: string;
    /**
     * A partner's batch pushed through the web service (channel API; the stored file is its
     * canonical JSON): the call's audit details, recorded with the batch as `partner_api.records`.
     */
    partnerCall?: { keyId: string; keyPrefix: string; partner: string; idempotencyKey: string };
    actor: AuditActor;
    context: RequestContext;
  };
  /**
   * One resolution run, reported into its match_run row. `seedRecordIds` (source_record ids, as
   * text: JSON has no bigint): records whose businesses must be re-resolved — a review decision's pair.
   */
  match: { runId: number; kind: "FULL" | "INCREMENTAL"; batchId?: string; seedRecordIds?: string[]; actor: AuditActor };
  /** Help a full run's name matching: run its regency units until none is left. */
  "match-partitions": { runId: number; actor: AuditActor };
  /** Pull one SFTP endpoint and import what is new. */
  "sftp-pull": { endpointId: string; actor: AuditActor; context?: RequestContext };
  /** Every minute: queue a pull of each endpoint whose schedule is due (sftp_endpoint.pull_schedule). */
  "sftp-schedule": { actor: AuditActor };
  /** Send a generated data balikan file to its partner's SFTP endpoint. */
  "balikan-push": { deliveryId: string; actor: AuditActor; context: RequestContext };
  /** Anchor the audit chain's head outside the database. */
  "audit-checkpoint": { actor: AuditActor };
  /** Every minute: mail the notices waiting in the outbox (only when SMTP is configured). */
  "notification-mail": { actor: AuditActor };
  /** Every morning: follow-ups due and overdue, data balikan coming due. */
  "notification-daily": { actor: AuditActor };
  /** Recompute the dashboard's statistics without a match run (reference data changed): an admin asks. */
  "coverage-refresh": { actor: AuditActor; context: RequestContext };
}

export type JobName = keyof JobPayloads;

export interface JobPolicy {
  /** Attempts after the first, for transient failures only (see start-job-worker.ts). */
  retryLimit: number;
  /** Seconds before the first retry; doubled for each next one. */
  retryDelay: number;
  /**
   * A job still active after this long is failed by the queue (and retried when attempts are
   * left). pg-boss has no heartbeat, so this is a backstop far above the longest real run; a
   * worker's death is caught sooner by the rows' own heartbeats (server/jobs/job-heartbeat.ts).
   */
  expireInSeconds: number;
  /** "stately": at most one job per singleton key waiting and one running (an endpoint's pulls). */
  policy?: "standard" | "stately";
}

const HOUR = 3600;

// Retries: an import or a pull that failed on a reset connection or a full disk is worth two
// more tries a minute or two later; a match run fails only on a bug or the database, where one
// retry covers a restart. A checkpoint runs again on its own schedule anyway.
export const JOB_POLICIES: Record<JobName, JobPolicy> = {
  import: { retryLimit: 2, retryDelay: 30, expireInSeconds: 4 * HOUR },
  match: { retryLimit: 1, retryDelay: 30, expireInSeconds: 4 * HOUR },
  // No retry: the run's coordinator takes back the units of a helper that died.
  "match-partitions": { retryLimit: 0, retryDelay: 0, expireInSeconds: 4 * HOUR },
  "sftp-pull": { retryLimit: 3, retryDelay: 60, expireInSeconds: 4 * HOUR, policy: "stately" },
  "sftp-schedule": { retryLimit: 0, retryDelay: 0, expireInSeconds: 5 * 60 },
  "balikan-push": { retryLimit: 3, retryDelay: 60, expireInSeconds: HOUR },
  "audit-checkpoint": { retryLimit: 0, retryDelay: 0, expireInSeconds: 15 * 60 },
  // The outbox keeps what was not sent; the next minute's run tries again.
  "notification-mail": { retryLimit: 0, retryDelay: 0, expireInSeconds: 10 * 60 },
  "notification-daily": { retryLimit: 2, retryDelay: 300, expireInSeconds: HOUR },
  // One waiting and one running at most: a second ask while one waits would count the same rows.
  "coverage-refresh": { retryLimit: 1, retryDelay: 30, expireInSeconds: HOUR, policy: "stately" },
};

export const JOB_NAMES = Object.keys(JOB_POLICIES) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_POLICIES, name);
}

/** The PostgreSQL schema pg-boss keeps its tables in, next to the app's `public`. */
export const JOB_SCHEMA = "pgboss";
