import "server-only";
import { db } from "@/server/db/client.ts";
import { partnerApiKeyDtoSelect, type PartnerApiKeyDto } from "./partner-api-key-dto.ts";

/** Every key, active ones first, newest first: a handful per partner. */
export async function listPartnerApiKeys(): Promise<PartnerApiKeyDto[]> {
  const keys = await db.partnerApiKey.findMany({ select: partnerApiKeyDtoSelect, orderBy: [{ createdAt: "desc" }] });
  return keys.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}
