import { describe, expect, it } from "vitest";
import { addMonths, agreementFieldLabel, agreementHasEnded, agreementStatus, updateAgreementSchema } from "@/lib/agreements.ts";

/** Where an agreement stands on a day: the page's status, the reminders and the keys' end read it. */
describe("agreementStatus", () => {
  const kemnaker = { lastDay: "2028-01-05", noticeMonths: 3 };

  it("is in force before the notice window, naming when extension must be discussed", () => {
    expect(agreementStatus(kemnaker, "2026-12-07")).toEqual({ kind: "in_force", lastDay: "2028-01-05", discussBy: "2027-10-05" });
    expect(agreementStatus(kemnaker, "2027-10-04").kind).toBe("in_force");
  });

  it("is ending soon from the first day of the notice window through the last day", () => {
    expect(agreementStatus(kemnaker, "2027-10-05")).toEqual({ kind: "ending_soon", lastDay: "2028-01-05", discussBy: "2027-10-05", daysLeft: 92 });
    expect(agreementStatus(kemnaker, "2028-01-05")).toMatchObject({ kind: "ending_soon", daysLeft: 0 });
  });

  it("has ended from the day after the last day", () => {
    expect(agreementStatus(kemnaker, "2028-01-06")).toEqual({ kind: "ended", lastDay: "2028-01-05" });
    expect(agreementHasEnded("2028-01-05", "2028-01-05")).toBe(false);
    expect(agreementHasEnded("2028-01-05", "2028-01-06")).toBe(true);
    expect(agreementHasEnded(null, "2099-01-01")).toBe(false);
  });

  it("says the end is not entered when there is no last day (AHU's follows an MoU)", () => {
    expect(agreementStatus({ lastDay: null, noticeMonths: 3 }, "2026-12-07")).toEqual({ kind: "unknown_end" });
  });

  it("counts the notice in calendar months, clamped to the month's end", () => {
    expect(addMonths("2027-05-31", -3)).toBe("2027-02-28");
    expect(addMonths("2028-05-31", -3)).toBe("2028-02-29");
    expect(addMonths("2028-01-05", -3)).toBe("2027-10-05");
    expect(agreementStatus({ lastDay: "2027-05-31", noticeMonths: 3 }, "2027-02-28").kind).toBe("ending_soon");
  });
});

describe("the edit form's schema", () => {
  const contact = { unit: "", position: "Kepala Pusdatin", address: "Jalan Gatot Subroto 51", phone: "(021) 5255733", fax: "", email: "" };
  const valid = {
    partner: "ahu",
    title: "Pemanfaatan Data",
    bpjsNumber: "755/KTR/1223",
    partnerNumber: "AHU.HH.04.02-5",
    signedOn: "2023-12-21",
    lastDay: "",
    termText: "Mengikuti MoU",
    noticeMonths: "3",
    contactChangeText: "7 hari kalender",
    contacts: { bpjs: contact, mitra: contact },
  };

  it("reads an empty last day as unknown and the months as a number", () => {
    expect(updateAgreementSchema.parse(valid)).toMatchObject({ lastDay: null, noticeMonths: 3 });
  });

  it("refuses, in Indonesian, a last day before signing, a non-date and a bad contact e-mail", () => {
    const issues = (input: object) => updateAgreementSchema.safeParse({ ...valid, ...input }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ lastDay: "2023-01-01" })).toEqual([["lastDay", "Tanggal berakhir tidak boleh sebelum tanggal penandatanganan."]]);
    expect(issues({ lastDay: "2027-02-30" })).toEqual([["lastDay", "Tanggal berakhir harus berupa tanggal (TTTT-BB-HH)."]]);
    expect(issues({ contacts: { bpjs: contact, mitra: { ...contact, email: "humas@" } } })).toEqual([["contacts.mitra.email", "Alamat surel tidak sah."]]);
    expect(issues({ partner: "bpjs" })).toEqual([["partner", "Perjanjian tidak dikenal."]]);
  });

  it("names contact fields with their side for the confirmation and the audit", () => {
    expect(agreementFieldLabel("lastDay")).toBe("Berlaku sampai");
    expect(agreementFieldLabel("contacts.mitra.phone")).toBe("Telepon (Mitra)");
    expect(agreementFieldLabel("contacts.mitra.phone", "Kemnaker")).toBe("Telepon (Kemnaker)");
    expect(agreementFieldLabel("contacts.bpjs.email", "Kemnaker")).toBe("Surel (BPJS Kesehatan)");
    expect(agreementFieldLabel("partnerNumber", "AHU (Kemenkum)")).toBe("Nomor AHU (Kemenkum)");
  });
});
