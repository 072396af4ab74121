import "server-only";
import { z } from "zod";
import { normalizeRegionCode, regionLevelOf } from "@/lib/region-code.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";

export const setLeadTakeRegionSchema = z.object({
  regionCode: z.string().trim().max(20).transform((code, ctx) => {
    const normalized = normalizeRegionCode(code);
    const level = normalized ? regionLevelOf(normalized) : null;
    if (!normalized || (level !== "PROVINCE" && level !== "REGENCY")) {
      ctx.addIssue({ code: "custom", message: "Pilih provinsi atau kabupaten/kota." });
      return z.NEVER;
    }
    return normalized;
  }),
  enabled: z.enum(["true", "false"], { error: "Pilih aktif atau nonaktif." }).transform((value) => value === "true"),
});
export type SetLeadTakeRegionInput = z.output<typeof setLeadTakeRegionSchema>;

export interface SetLeadTakeRegionOptions {
  input: SetLeadTakeRegionInput;
  actor: AuditActor;
  context: RequestContext;
}

/**
 * An admin switches self-taking of leads on or off for one province or regency/city. The switch
 * and its `lead_take.region_set` event (old and new value) are written in one transaction; a
 * switch already in the asked position changes nothing and writes no event.
 */
export async function setLeadTakeRegion({ input, actor, context }: SetLeadTakeRegionOptions): Promise<{ name: string; changed: boolean }> {
  const region = await db.region.findUnique({ where: { code: input.regionCode }, select: { code: true, name: true, level: true } });
  if (!region || (region.level !== "PROVINCE" && region.level !== "REGENCY")) throw new DomainError("Wilayah tidak ditemukan.", "regionCode");

  return db.$transaction(async (tx) => {
    // The write's own count says what the switch was, so two admins at once cannot both record a change.
    const changed = input.enabled
      ? (await tx.leadTakeRegion.createMany({ data: [{ regionCode: region.code, enabledById: actor.id, enabledByUsername: actor.username }], skipDuplicates: true })).count > 0
      : (await tx.leadTakeRegion.deleteMany({ where: { regionCode: region.code } })).count > 0;
    if (changed) {
      await appendAuditEvent(tx, {
        action: "lead_take.region_set",
        actor,
        context,
        objectType: "region",
        objectId: region.code,
        region: region.code,
        details: { name: region.name, from: !input.enabled, to: input.enabled },
      });
    }
    return { name: region.name, changed };
  });
}
