import { z } from "zod";

/**
 * The data-sharing agreements (PKS) with the partners: their form's schema, shared by the
 * Perjanjian Kerja Sama page, its server action and the use case, and the pure rule of where an
 * agreement stands on a given day (the page's status, the inbox reminders and the partner keys'
 * end all read it from here).
 */

/** The partners with an agreement (lib/partner-api.ts ids); BPJS's own keys have none. */
export const AGREEMENT_PARTNERS = ["kemnaker", "ahu"] as const;
export type AgreementPartner = (typeof AGREEMENT_PARTNERS)[number];

export function isAgreementPartner(value: string): value is AgreementPartner {
  return (AGREEMENT_PARTNERS as readonly string[]).includes(value);
}

/** The two sides of the correspondence: BPJS Kesehatan and the partner. */
export const CONTACT_SIDES = ["bpjs", "mitra"] as const;
export type ContactSide = (typeof CONTACT_SIDES)[number];
export const CONTACT_SIDE_LABELS: Record<ContactSide, string> = { bpjs: "BPJS Kesehatan", mitra: "Mitra" };

export const CONTACT_FIELDS = ["unit", "position", "address", "phone", "fax", "email"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export const CONTACT_FIELD_LABELS: Record<ContactField, string> = {
  unit: "Unit kerja",
  position: "Jabatan",
  address: "Alamat",
  phone: "Telepon",
  fax: "Faksimile",
  email: "Surel",
};

const text = (max: number, label: string) => z.string().trim().max(max, `${label} paling panjang ${max} karakter.`);
const required = (max: number, label: string) => text(max, label).min(1, `Isi ${label.toLowerCase()}.`);
// Office phone and fax numbers as printed on letters: "(021) 4212938", "+62 21 5255733".
const phone = (label: string) =>
  text(40, label).refine((value) => value === "" || /^[0-9()+\-.\s]{5,40}$/.test(value), `${label} hanya boleh berisi angka, spasi, tanda kurung, + dan -.`);

export const agreementContactSchema = z.object({
  unit: text(200, "Unit kerja"),
  position: required(200, "Jabatan"),
  address: required(400, "Alamat"),
  phone: phone("Telepon"),
  fax: phone("Faksimile"),
  email: z.union([z.literal(""), z.email("Alamat surel tidak sah.").max(200, "Surel paling panjang 200 karakter.")]),
});
export type AgreementContact = z.output<typeof agreementContactSchema>;
export type AgreementContacts = Record<ContactSide, AgreementContact>;

export const agreementContactsSchema = z.object({ bpjs: agreementContactSchema, mitra: agreementContactSchema });

const isoDay = (message: string) => z.string({ error: message }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, message).refine(isCalendarDay, message);

export const updateAgreementSchema = z
  .object({
    partner: z.enum(AGREEMENT_PARTNERS, { error: "Perjanjian tidak dikenal." }),
    title: required(500, "Judul"),
    bpjsNumber: required(100, "Nomor BPJS Kesehatan"),
    partnerNumber: required(100, "Nomor mitra"),
    signedOn: isoDay("Isi tanggal penandatanganan (TTTT-BB-HH)."),
    /** Empty (or null, once parsed): not known yet. */
    lastDay: z.union([z.literal(""), z.null(), isoDay("Tanggal berakhir harus berupa tanggal (TTTT-BB-HH).")]).transform((value) => value || null),
    termText: required(2000, "Jangka waktu"),
    noticeMonths: z.coerce
      .number({ error: "Isi jumlah bulan pemberitahuan." })
      .int("Jumlah bulan harus bilangan bulat.")
      .min(0, "Jumlah bulan tidak boleh negatif.")
      .max(24, "Paling lama 24 bulan."),
    contactChangeText: required(2000, "Ketentuan perubahan kontak"),
    contacts: agreementContactsSchema,
  })
  .refine((data) => data.lastDay === null || data.lastDay >= data.signedOn, {
    message: "Tanggal berakhir tidak boleh sebelum tanggal penandatanganan.",
    path: ["lastDay"],
  });
export type UpdateAgreementInput = z.input<typeof updateAgreementSchema>;
export type UpdateAgreementData = z.output<typeof updateAgreementSchema>;

/** The agreement fields an admin edits, as the form and the audit trail name them. */
export const AGREEMENT_FIELD_LABELS = {
  title: "Judul",
  bpjsNumber: "Nomor BPJS Kesehatan",
  partnerNumber: "Nomor mitra",
  signedOn: "Tanggal penandatanganan",
  lastDay: "Berlaku sampai",
  termText: "Jangka waktu",
  noticeMonths: "Pemberitahuan sebelum berakhir (bulan)",
  contactChangeText: "Ketentuan perubahan kontak",
} as const;
export type AgreementField = keyof typeof AGREEMENT_FIELD_LABELS;
export const AGREEMENT_FIELDS = Object.keys(AGREEMENT_FIELD_LABELS) as AgreementField[];

/** The form's name of a contact field: `contacts.mitra.phone`. */
export function contactFieldName(side: ContactSide, field: ContactField): string {
  return `contacts.${side}.${field}`;
}

/**
 * Where an agreement stands on `today` (YYYY-MM-DD, WIB):
 * - `unknown_end`: no last day entered;
 * - `in_force`: before its notice window;
 * - `ending_soon`: on or after `discussBy` (the last day less the notice months), extending or
 *   ending it must be agreed by then;
 * - `ended`: after its last day (the last day itself is still in force).
 */
export type AgreementStatus =
  | { kind: "unknown_end" }
  | { kind: "in_force"; lastDay: string; discussBy: string }
  | { kind: "ending_soon"; lastDay: string; discussBy: string; daysLeft: number }
  | { kind: "ended"; lastDay: string };

export function agreementStatus(agreement: { lastDay: string | null; noticeMonths: number }, today: string): AgreementStatus {
  const { lastDay } = agreement;
  if (!lastDay) return { kind: "unknown_end" };
  if (lastDay < today) return { kind: "ended", lastDay };
  const discussBy = addMonths(lastDay, -agreement.noticeMonths);
  if (today >= discussBy) return { kind: "ending_soon", lastDay, discussBy, daysLeft: daysBetween(today, lastDay) };
  return { kind: "in_force", lastDay, discussBy };
}

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus["kind"], string> = {
  unknown_end: "Tanggal berakhir belum diisi",
  in_force: "Berlaku",
  ending_soon: "Segera berakhir",
  ended: "Berakhir",
};

/** Whether a partner's agreement has ended by `today`: its keys are refused from then on. */
export function agreementHasEnded(lastDay: string | null, today: string): boolean {
  return lastDay !== null && lastDay < today;
}

/** A calendar day moved by whole months, the day clamped to the month's end (31 May − 3 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastOfMonth = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, lastOfMonth));
  return first.toISOString().slice(0, 10);
}

/** A calendar day moved by whole days. */
export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function isCalendarDay(value: string): boolean {
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

/** What an agreement says, as pages and forms see it: calendar days as YYYY-MM-DD. */
export interface AgreementFields {
  title: string;
  bpjsNumber: string;
  partnerNumber: string;
  signedOn: string;
  lastDay: string | null;
  termText: string;
  noticeMonths: number;
  contactChangeText: string;
  contacts: AgreementContacts;
}

/** The edit form's values of an agreement, by field name (contacts as `contacts.bpjs.unit`). */
export function agreementFormValues(agreement: AgreementFields): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of AGREEMENT_FIELDS) values[field] = String(agreement[field] ?? "");
  for (const side of CONTACT_SIDES) {
    for (const field of CONTACT_FIELDS) values[contactFieldName(side, field)] = agreement.contacts[side][field];
  }
  return values;
}

/** What the form and its confirmation call a field: "Nomor Kemnaker", "Telepon (Kemnaker)"; the partner's own name when given. */
export function agreementFieldLabel(name: string, partnerLabel: string = CONTACT_SIDE_LABELS.mitra): string {
  if (name === "partnerNumber") return `Nomor ${partnerLabel}`;
  if (name in AGREEMENT_FIELD_LABELS) return AGREEMENT_FIELD_LABELS[name as AgreementField];
  const [, side, field] = name.split(".") as [string, ContactSide, ContactField];
  return `${CONTACT_FIELD_LABELS[field] ?? field} (${side === "mitra" ? partnerLabel : (CONTACT_SIDE_LABELS[side] ?? side)})`;
}
