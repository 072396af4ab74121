import "server-only";
import {
  AGREEMENT_FIELDS,
  CONTACT_FIELDS,
  CONTACT_SIDES,
  contactFieldName,
  updateAgreementSchema,
  type UpdateAgreementInput,
} from "@/lib/agreements.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { dateColumn, partnerAgreementDtoSelect, toPartnerAgreementDto, type PartnerAgreementDto } from "./partner-agreement-dto.ts";

export interface UpdatePartnerAgreementOptions {
  input: UpdateAgreementInput;
  actor: AuditActor;
  context: RequestContext;
}

/** What an update changed: each field's form name with its old and new value. */
export type AgreementChanges = Record<string, { from: string | number | null; to: string | number | null }>;

/**
 * Corrects an agreement as read from its signed copy. Audited in the same transaction with each
 * changed field, old → new (contact e-mails and phone numbers are masked by the audit trail's own
 * rule); saving without a change writes nothing.
 */
export async function updatePartnerAgreement({ input, actor, context }: UpdatePartnerAgreementOptions): Promise<{ agreement: PartnerAgreementDto; changes: AgreementChanges }> {
  const data = updateAgreementSchema.parse(input);
  return db.$transaction(async (tx) => {
    // FOR UPDATE: two admins saving at once are recorded one after the other, each against what it replaced.
    const locked = await tx.$queryRaw<{ partner: string }[]>`SELECT partner::text FROM partner_agreement WHERE partner = ${data.partner}::"Partner" FOR UPDATE`;
    if (locked.length === 0) throw new DomainError("Perjanjian tidak ditemukan.");
    const existing = toPartnerAgreementDto(await tx.partnerAgreement.findUniqueOrThrow({ where: { partner: data.partner }, select: partnerAgreementDtoSelect }));

    const changes: AgreementChanges = {};
    for (const field of AGREEMENT_FIELDS) {
      if (existing[field] !== data[field]) changes[field] = { from: existing[field], to: data[field] };
    }
    for (const side of CONTACT_SIDES) {
      for (const field of CONTACT_FIELDS) {
        const before = existing.contacts[side][field];
        const after = data.contacts[side][field];
        if (before !== after) changes[contactFieldName(side, field)] = { from: before, to: after };
      }
    }
    if (Object.keys(changes).length === 0) return { agreement: existing, changes };

    const row = await tx.partnerAgreement.update({
      where: { partner: data.partner },
      data: {
        title: data.title,
        bpjsNumber: data.bpjsNumber,
        partnerNumber: data.partnerNumber,
        signedOn: dateColumn(data.signedOn),
        lastDay: data.lastDay ? dateColumn(data.lastDay) : null,
        termText: data.termText,
        noticeMonths: data.noticeMonths,
        contactChangeText: data.contactChangeText,
        contacts: data.contacts,
        updatedAt: new Date(),
        updatedById: actor.id,
        updatedByUsername: actor.username,
      },
      select: partnerAgreementDtoSelect,
    });
    await appendAuditEvent(tx, {
      action: "agreement.update",
      actor,
      objectType: "partner_agreement",
      objectId: data.partner,
      details: { partner: data.partner, changed: Object.keys(changes), changes },
      context,
    });
    return { agreement: toPartnerAgreementDto(row), changes };
  });
}
