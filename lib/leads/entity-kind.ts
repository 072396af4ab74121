import type { PersonalColumn } from "../personal-data.ts";

/**
 * What a lead is: a business (badan usaha) or a notary, whose office employs staff
 * (server/matching/write-notary-leads.ts). The literals are Prisma's `EntityKind` enum, declared
 * here so `lib/` never imports the client (server/leads/lead-query.ts checks they agree).
 */
export const ENTITY_KINDS = ["BADAN_USAHA", "NOTARIS"] as const;
export type EntityKindValue = (typeof ENTITY_KINDS)[number];

export const ENTITY_KIND_LABELS: Readonly<Record<EntityKindValue, string>> = {
  BADAN_USAHA: "Badan usaha",
  NOTARIS: "Notaris",
};

/** How a kind is written in the lead list's URL (`?jenis=notaris`). */
export const ENTITY_KIND_SLUGS: Readonly<Record<EntityKindValue, string>> = {
  BADAN_USAHA: "badan-usaha",
  NOTARIS: "notaris",
};

export function isEntityKind(value: unknown): value is EntityKindValue {
  return typeof value === "string" && (ENTITY_KINDS as readonly string[]).includes(value);
}

/**
 * The column a lead's own NPWP, telephone or e-mail is judged by (lib/personal-data.ts, the one
 * rule). A notary is a person: AHU's notary file flags these columns personal, so the notary's
 * NPWP (a NIK, or a person's tax number), office telephone and any e-mail are masked whatever
 * their shape. A business's are judged by shape alone (a mobile number, a webmail address, an
 * NPWP that is a NIK).
 */
export function leadFieldColumn(kind: EntityKindValue, field: "npwp" | "phone" | "email"): PersonalColumn | undefined {
  return kind === "NOTARIS" ? { key: field, personal: true } : undefined;
}
