import { isPersonalEmailDomain, maskEmail } from "./identifiers/email.ts";
import { maskNik } from "./identifiers/nik.ts";
import { maskPhone } from "./identifiers/phone.ts";

/**
 * Personal data on the lead pages (UU 27/2022): NIK, mobile numbers and personal emails are
 * shown masked; the clear value leaves the server only through the audited "Tampilkan" action
 * (server/leads/reveal-personal-data.ts), for one lead at a time. The maskers are the ones the
 * import's reject reports use, so a value looks the same everywhere.
 */
export const PERSONAL_KINDS = ["nik", "phone", "email"] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

export const PERSONAL_KIND_LABELS: Record<PersonalKind, string> = {
  nik: "NIK",
  phone: "nomor HP",
  email: "email pribadi",
};

const MASKERS: Record<PersonalKind, (value: string) => string> = { nik: maskNik, phone: maskPhone, email: maskEmail };

/** `3273011708450001` → `3273••••••••0001`, `+6281234567890` → `+62812•••••890`, `budi@gmail.com` → `b•••@gmail.com`. */
export function maskPersonal(kind: PersonalKind, value: string): string {
  return MASKERS[kind](value);
}

/**
 * A 16-digit NPWP not starting with 0 is its owner's NIK (lib/identifiers/npwp.ts), so personal
 * data. Separators are ignored, so a partner's raw cell (`3273.0117.0845.0001`) counts too.
 */
export function isNikNpwp(npwp: string): boolean {
  return /^[1-9]\d{15}$/.test(npwp.replace(/\D/g, ""));
}

/** A business's NPWP as any list or file shows it: masked when it is a NIK, as is otherwise. */
export function npwpForDisplay(npwp: string | null): string | null {
  return npwp !== null && isNikNpwp(npwp) ? maskPersonal("nik", npwp) : npwp;
}

/**
 * A business's email as any list or file shows it: masked when it is on a free webmail domain
 * (a person's), as is otherwise.
 */
export function businessEmailForDisplay(email: string | null): string | null {
  return email !== null && isPersonalEmailDomain(email) ? maskPersonal("email", email) : email;
}

/**
 * A personal value as the page carries it: its key (which the reveal answer is indexed by), its
 * kind and the masked text. The clear value is never part of it.
 */
export interface MaskedValue {
  key: string;
  kind: PersonalKind;
  masked: string;
}

/** The reveal action's answer: clear values by key, for one lead. */
export type RevealedValues = Readonly<Record<string, string>>;
