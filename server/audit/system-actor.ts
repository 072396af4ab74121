import "server-only";
import { userInfo } from "node:os";
import type { AuditActor } from "./append-audit-event.ts";

/** The actor recorded for start-up work (seeding, migrations). */
export const SYSTEM_ACTOR: AuditActor = { id: null, username: "system", role: "SYSTEM" };

/** The actor recorded for `npx jangkau …`: the operating-system account that ran it. */
export function cliActor(): AuditActor {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep "unknown"
  }
  return { id: null, username: `cli:${name}`, role: "CLI" };
}
