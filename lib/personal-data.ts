import { maskEmail } from "./identifiers/email.ts";
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
