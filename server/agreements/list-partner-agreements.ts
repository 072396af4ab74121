import "server-only";
import { AGREEMENT_PARTNERS } from "@/lib/agreements.ts";
import { db } from "@/server/db/client.ts";
import { partnerAgreementDtoSelect, toPartnerAgreementDto, type PartnerAgreementDto } from "./partner-agreement-dto.ts";

/** Both agreements, Kemnaker's first (the order of AGREEMENT_PARTNERS). */
export async function listPartnerAgreements(): Promise<PartnerAgreementDto[]> {
  const rows = await db.partnerAgreement.findMany({ select: partnerAgreementDtoSelect });
  return rows.map(toPartnerAgreementDto).sort((a, b) => AGREEMENT_PARTNERS.indexOf(a.partner) - AGREEMENT_PARTNERS.indexOf(b.partner));
}
