import "server-only";
import { pushBalikan } from "@/server/balikan/push-balikan.ts";
import { defineJobHandler } from "./job-handler.ts";

/**
 * Sends a generated data balikan ZIP to its partner's SFTP endpoint. pushBalikan records every
 * attempt (balikan_push row and `balikan.push` audit event); an unreachable server is retried,
 * a refusal (no target, endpoint inactive or of another partner) is not.
 */
export const balikanPushJob = defineJobHandler("balikan-push", {
  async run(data) {
    return pushBalikan({ input: { deliveryId: data.deliveryId }, actor: data.actor, context: data.context });
  },
});
