import "server-only";
import { agreementContactsSchema, type AgreementFields, type AgreementPartner } from "@/lib/agreements.ts";

/** An agreement as pages and forms see it, with who last corrected it. */
export interface PartnerAgreementDto extends AgreementFields {
  partner: AgreementPartner;
  updatedAt: Date;
  updatedByUsername: string;
}

export const partnerAgreementDtoSelect = {
  partner: true,
  title: true,
  bpjsNumber: true,
  partnerNumber: true,
  signedOn: true,
  lastDay: true,
  termText: true,
  noticeMonths: true,
  contactChangeText: true,
  contacts: true,
  updatedAt: true,
  updatedByUsername: true,
} as const;

/** The selected columns as the database returns them. */
type AgreementRow = Omit<PartnerAgreementDto, "partner" | "signedOn" | "lastDay" | "contacts"> & {
  partner: string;
  signedOn: Date;
  lastDay: Date | null;
  contacts: unknown;
};

export function toPartnerAgreementDto(row: AgreementRow): PartnerAgreementDto {
  return {
    ...row,
    partner: row.partner as AgreementPartner,
    signedOn: calendarDay(row.signedOn),
    lastDay: row.lastDay ? calendarDay(row.lastDay) : null,
    contacts: agreementContactsSchema.parse(row.contacts),
  };
}

/** A DATE column as Prisma returns it (UTC midnight) → YYYY-MM-DD. */
export function calendarDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD → the Date a DATE column takes. */
export function dateColumn(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
