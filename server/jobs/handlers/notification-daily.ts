import "server-only";
import { notifyDaily } from "@/server/notifications/notify-daily.ts";
import { defineJobHandler } from "./job-handler.ts";

/** The morning round of notices (server/notifications/notify-daily.ts). */
export const notificationDailyJob = defineJobHandler("notification-daily", {
  run: () => notifyDaily(),
});
