import "server-only";
import type { PartnerId } from "@/lib/partner-api.ts";

/** What lists and forms see of a key: never its hash. */
export interface PartnerApiKeyDto {
  id: string;
  partner: PartnerId;
  name: string;
  prefix: string;
  createdByUsername: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByUsername: string | null;
}

export const partnerApiKeyDtoSelect = {
  id: true,
  partner: true,
  name: true,
  prefix: true,
  createdByUsername: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  revokedByUsername: true,
} as const;
