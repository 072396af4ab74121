import { describe, expect, it } from "vitest";
import { leadFieldColumn } from "@/lib/leads/entity-kind.ts";
import { containsPersonalValue, maskIfPersonal, maskPersonalText, personalKindOf } from "@/lib/personal-data.ts";

describe("the one masking rule: column flag or shape", () => {
  it("takes a 16-digit NPWP not starting with 0 for a NIK, separators or not", () => {
    expect(personalKindOf("3273011708450001")).toBe("nik");
    expect(personalKindOf("3273.0117.0845.0001")).toBe("nik");
    expect(personalKindOf("0013121660091000")).toBeNull();
    expect(personalKindOf("013121660091000")).toBeNull();
    expect(personalKindOf("32730117084500012")).toBeNull();
  });

  it("masks a NIK used as NPWP and leaves an entity's NPWP whole", () => {
    expect(maskIfPersonal("3273011708450001")).toBe("3273••••••••0001");
    expect(maskIfPersonal("0013121660091000")).toBe("0013121660091000");
    expect(maskIfPersonal(null)).toBeNull();
  });

  it("masks an email on a free webmail domain and leaves a company's whole", () => {
    expect(maskIfPersonal("budi@gmail.com")).toBe("b•••@gmail.com");
    expect(maskIfPersonal("info@sinarjaya.co.id")).toBe("info@sinarjaya.co.id");
  });

  it("masks a mobile number however it is written and leaves an office landline", () => {
    for (const mobile of ["081234567890", "0812-3456-7890", "+6281234567890", "6281234567890", "0812 3456 7890"]) {
      expect(personalKindOf(mobile), mobile).toBe("phone");
      expect(maskIfPersonal(mobile), mobile).not.toMatch(/\d{6}/);
    }
    expect(personalKindOf("022-7201234")).toBeNull();
    expect(personalKindOf("+62227201234")).toBeNull();
    expect(maskIfPersonal("(022) 720 1234")).toBe("(022) 720 1234");
  });

  it("masks any email, and a malformed identifier, in a column the column map flags personal", () => {
    expect(maskIfPersonal("rina@notaris-rina.co.id", { key: "alamat_email", personal: true })).toBe("r•••@notaris-rina.co.id");
    expect(personalKindOf("3273-0117-0845", { key: "nik_pengurus", personal: true })).toBe("nik");
    // Names are personal columns too, but stay readable: the officer needs to know whom to ask for.
    expect(personalKindOf("Budi Santoso", { key: "nama_kontak", personal: true })).toBeNull();
    expect(personalKindOf("rina@notaris-rina.co.id", { key: "email_badan_usaha" })).toBeNull();
  });

  it("leaves business numbers of other shapes alone", () => {
    // NIB, region code, KBLI, postcode, a 9-digit Kemnaker business code that happens to start with 08.
    for (const value of ["9120001234567", "32.73.01.1001", "47111", "40115", "1.234", "081234567"]) expect(personalKindOf(value), value).toBeNull();
  });
});

describe("personal values inside free text", () => {
  it("masks NIKs, mobile numbers and every email address, keeping the rest", () => {
    expect(maskPersonalText("/prospek?cari=3273011708450001")).toBe("/prospek?cari=3273••••••••0001");
    // A UUID whose last groups are digits reads as 16 digits through its hyphen; it is an id.
    expect(maskPersonalText("9e6bebe3-8450-41c7-9446-094083613201")).toBe("9e6bebe3-8450-41c7-9446-094083613201");
    expect(maskPersonalText("12345678-1234-1234-abcd-0123456789ab")).toBe("12345678-1234-1234-abcd-0123456789ab");
    expect(maskPersonalText("NIK-3273011708450001")).toBe("NIK-3273••••••••0001");
    expect(maskPersonalText("hubungi 0812-3456-7890 atau budi@gmail.com")).toBe("hubungi 081••••••••890 atau b•••@gmail.com");
    expect(maskPersonalText("admin@jangkau.bpjs-kesehatan.go.id")).toBe("a•••@jangkau.bpjs-kesehatan.go.id");
    expect(containsPersonalValue("Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0")).toBe(false);
  });

  it("leaves digits inside hashes and ids alone", () => {
    const hash = "a3f1c2d4e5b60718293a4b5c6d7e8f9011223344556677889900aabbccddeeff";
    expect(maskPersonalText(hash)).toBe(hash);
    expect(maskPersonalText("3273011708450001abc")).toBe("3273011708450001abc");
    expect(maskPersonalText("id 12345678901234567890")).toBe("id 12345678901234567890");
  });
});

describe("a notary's own fields", () => {
  it("are personal whatever their shape: NPWP, office landline, company-domain email", () => {
    expect(maskIfPersonal("+62227201234", leadFieldColumn("NOTARIS", "phone"))).not.toContain("7201234");
    expect(maskIfPersonal("kantor@notaris-siti.co.id", leadFieldColumn("NOTARIS", "email"))).not.toContain("kantor@");
    expect(maskIfPersonal("091234567891000", leadFieldColumn("NOTARIS", "npwp"))).not.toContain("12345678");
    // A business's stay as the shape rule says.
    expect(maskIfPersonal("+62227201234", leadFieldColumn("BADAN_USAHA", "phone"))).toBe("+62227201234");
    expect(maskIfPersonal("info@sinarjaya.co.id", leadFieldColumn("BADAN_USAHA", "email"))).toBe("info@sinarjaya.co.id");
  });
});
