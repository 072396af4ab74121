import "server-only";
import type { JobName } from "../job-definitions.ts";
import { auditCheckpointJob } from "./audit-checkpoint.ts";
import { balikanPushJob } from "./balikan-push.ts";
import { coverageRefreshJob } from "./coverage-refresh.ts";
import { importJob } from "./import.ts";
import type { JobHandlerDefinition } from "./job-handler.ts";
import { matchJob } from "./match.ts";
import { matchPartitionsJob } from "./match-partitions.ts";
import { notificationDailyJob } from "./notification-daily.ts";
import { notificationMailJob } from "./notification-mail.ts";
import { sftpPullJob } from "./sftp-pull.ts";
import { sftpScheduleJob } from "./sftp-schedule.ts";

/** Every job name's handler: a job without one is a type error, not a job nobody works. */
export const JOB_HANDLERS: { [N in JobName]: JobHandlerDefinition<N> } = {
  import: importJob,
  match: matchJob,
  "match-partitions": matchPartitionsJob,
  "sftp-pull": sftpPullJob,
  "sftp-schedule": sftpScheduleJob,
  "balikan-push": balikanPushJob,
  "audit-checkpoint": auditCheckpointJob,
  "notification-mail": notificationMailJob,
  "notification-daily": notificationDailyJob,
  "coverage-refresh": coverageRefreshJob,
};
