import "server-only";
import { sendNotificationMails } from "@/server/notifications/send-notification-mails.ts";
import { defineJobHandler } from "./job-handler.ts";

/** Drains the notices' mail outbox (server/notifications/send-notification-mails.ts). */
export const notificationMailJob = defineJobHandler("notification-mail", {
  run: () => sendNotificationMails(),
});
