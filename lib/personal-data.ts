import { isPersonalEmailDomain, maskEmail } from "./identifiers/email.ts";
import { maskNik } from "./identifiers/nik.ts";
import { maskPhone } from "./identifiers/phone.ts";

/**
 * Personal data (UU 27/2022): NIK, mobile numbers and personal emails leave the server masked,
 * by the one rule below; the clear value leaves only through the audited "Tampilkan" action
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
 * The one rule for "is this value personal", for every way out of the server (pages, RSC props,
 * action results, exports, the partner API, the audit trail, logs):
 *
 * - by its shape, whatever column it came from: a NIK (16 digits not starting with 0, which is
 *   also every NPWP that is a NIK), a mobile number (`08…`, `628…`, `+628…`, 10–13 digits), an
 *   email on a free webmail domain (a person's, not the business's);
 * - by its column: a column the source's column map flags `personal` (server/ingest/sources)
 *   holds personal data whatever it looks like, so any email there is masked, and a NIK, phone
 *   or email column's value is masked even when malformed.
 *
 * A company's office landline (`022-7201234`), an email on the company's own domain and a
 * company NPWP (15 digits, or 16 starting with 0) are business data and stay visible. Names of
 * contact persons and officers are not masked: the officer has to know whom to ask for; the
 * identifiers that single a person out (NIK, mobile, personal email) are.
 */
export interface PersonalColumn {
  /** The column map's canonical key (`nik_pengurus`, `nomor_handphone`, `alamat_email`, …). */
  key: string;
  /** The column map's `personal` flag. */
  personal?: boolean;
}

const SEPARATORS = /[\s.\-/()]/g;
const NIK_DIGITS = /^[1-9]\d{15}$/;
// Indonesian mobile numbers as lib/identifiers/phone.ts reads them: 08…, 628…, +628…, then a
// digit other than 0 and 9–12 digits in all after the 0 (10–13 written with it). Shorter runs
// that start with 08 are codes (a 9-digit Kemnaker business code), not numbers of a person.
const MOBILE_DIGITS = /^(?:\+?62|0)8[1-9]\d{7,10}$/;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The kind a column's name says its values are, for malformed values in a personal column. */
function kindOfColumn(key: string): PersonalKind | null {
  const k = key.toLowerCase();
  // A person's NPWP (a notary's) identifies the person like a NIK does, in either length.
  if (k.includes("nik") || k.includes("npwp")) return "nik";
  if (k.includes("email")) return "email";
  if (k.includes("hp") || k.includes("handphone") || k.includes("phone") || k.includes("telepon")) return "phone";
  return null;
}

/** The kind of personal data `value` is, or null when it is business data or plain text. */
export function personalKindOf(value: string, column?: PersonalColumn): PersonalKind | null {
  const text = value.trim();
  if (text === "") return null;
  const compact = text.replace(SEPARATORS, "");
  if (NIK_DIGITS.test(compact)) return "nik";
  if (MOBILE_DIGITS.test(compact)) return "phone";
  if (EMAIL_SHAPE.test(text)) return column?.personal || isPersonalEmailDomain(text) ? "email" : null;
  return column?.personal ? kindOfColumn(column.key) : null;
}

/** `value` as it may leave the server: masked when personal (personalKindOf), as is otherwise. */
export function maskIfPersonal(value: string, column?: PersonalColumn): string;
export function maskIfPersonal(value: string | null, column?: PersonalColumn): string | null;
export function maskIfPersonal(value: string | null, column?: PersonalColumn): string | null {
  if (value === null) return null;
  const kind = personalKindOf(value, column);
  return kind ? maskPersonal(kind, value) : value;
}

// Personal values inside free text, standing alone: digits inside longer runs (hashes, ids,
// timestamps) are not personal data, nor all-digit groups of a UUID ("…-41c7-9446-094083613201"
// reads as 16 digits once its hyphen is taken for a separator).
const NOT_AFTER = String.raw`(?<![0-9A-Za-z]|[0-9A-Fa-f]{4}-)`;
const NOT_BEFORE = String.raw`(?![0-9A-Za-z]|-[0-9A-Fa-f]{4})`;
const NIK_IN_TEXT = new RegExp(String.raw`${NOT_AFTER}[1-9](?:[ .\-]?\d){15}${NOT_BEFORE}`, "g");
const MOBILE_IN_TEXT = new RegExp(String.raw`(?<!\+)${NOT_AFTER}(?:\+?62|0)[ .\-]?8[1-9](?:[ .\-]?\d){7,10}${NOT_BEFORE}`, "g");
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/g;

const IN_TEXT: readonly [PersonalKind, RegExp][] = [
  ["email", EMAIL_IN_TEXT],
  ["nik", NIK_IN_TEXT],
  ["phone", MOBILE_IN_TEXT],
];

/**
 * Free text (an audit column, a log line, a URL path) with every personal-shaped run inside it
 * masked: NIKs, mobile numbers and — stricter than for a single field — every email address,
 * since text carries no column to tell a business address from a person's.
 */
export function maskPersonalText(text: string): string {
  return IN_TEXT.reduce((out, [kind, pattern]) => out.replace(pattern, (m) => maskPersonal(kind, m)), text);
}

/** Every personal-shaped value in clear inside `text` (what maskPersonalText would mask). */
export function findPersonalValues(text: string): { kind: PersonalKind; value: string }[] {
  return IN_TEXT.flatMap(([kind, pattern]) => [...text.matchAll(pattern)].map((m) => ({ kind, value: m[0] })));
}

/**
 * One spelling per personal value, to compare values however they were written: a NIK's 16
 * digits, a mobile number's digits after its `0` / `62` / `+62`, an email lowercased.
 */
export function personalValueKey(kind: PersonalKind, value: string): string {
  if (kind === "email") return value.trim().toLowerCase();
  const digits = value.replace(/\D/g, "");
  return kind === "phone" ? digits.replace(/^(?:62|0)/, "") : digits;
}

/** True when `text` carries a personal-shaped value anywhere (maskPersonalText would change it). */
export function containsPersonalValue(text: string): boolean {
  return maskPersonalText(text) !== text;
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
