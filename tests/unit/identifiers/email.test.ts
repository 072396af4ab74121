import { describe, expect, it } from "vitest";
import { isPersonalEmailDomain, maskEmail, parseEmail, type EmailInvalidCode } from "@/lib/identifiers/email.ts";

describe("parseEmail: accepted", () => {
  it.each([
    ["budi@example.co.id", "budi@example.co.id", "example.co.id"],
    ["  budi@example.co.id\t", "budi@example.co.id", "example.co.id"],
    ["budi@Example.CO.ID", "budi@example.co.id", "example.co.id"],
    ["Budi.Santoso@PT-Maju.co.id", "Budi.Santoso@pt-maju.co.id", "pt-maju.co.id"],
    ["hrd+jkn@mail.sinar-jaya.com", "hrd+jkn@mail.sinar-jaya.com", "mail.sinar-jaya.com"],
    ["o'brien@example.com", "o'brien@example.com", "example.com"],
    ["admin_01@123kargo.id", "admin_01@123kargo.id", "123kargo.id"],
    ["x@a.bc", "x@a.bc", "a.bc"],
    [`${"a".repeat(64)}@example.com`, `${"a".repeat(64)}@example.com`, "example.com"],
    [`budi@${"a".repeat(63)}.id`, `budi@${"a".repeat(63)}.id`, `${"a".repeat(63)}.id`],
  ])("%j → %j", (input, value, domain) => {
    expect(parseEmail(input)).toEqual({ kind: "ok", value, domain });
  });

  it("accepts exactly 254 characters", () => {
    const email = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.id`;
    expect(email).toHaveLength(254);
    expect(parseEmail(email)).toMatchObject({ kind: "ok" });
  });

  it.each([null, undefined, "", "  ", "-", "tidak ada", "NULL"])("%j is empty", (input) => {
    expect(parseEmail(input)).toEqual({ kind: "empty" });
  });
});

describe("parseEmail: rejected", () => {
  const cases: [input: string | number, code: EmailInvalidCode][] = [
    [`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(59)}.id`, "too_long"],
    ["budi@bücher.de", "non_ascii"],
    ["bùdi@example.com", "non_ascii"],
    ["budi@example.com\u200b", "non_ascii"],
    ["a@x.com, b@y.com", "multiple"],
    ["a@x.com;b@y.com", "multiple"],
    ["a@x.com b@y.com", "multiple"],
    ["budi @gmail.com", "spaces"],
    ["budi@gmail .com", "spaces"],
    ["budi.gmail.com", "at_sign"],
    [0, "at_sign"],
    ["a@b@c.com", "at_sign"],
    ["@example.com", "local_part"],
    [`${"a".repeat(65)}@example.com`, "local_part"],
    [".budi@example.com", "local_part"],
    ["budi.@example.com", "local_part"],
    ["bu..di@example.com", "local_part"],
    ["bu(di)@example.com", "local_part"],
    ['"budi"@example.com', "local_part"],
    ["budi@", "domain"],
    ["budi@gmail", "domain"],
    ["budi@gmail..com", "domain"],
    ["budi@.gmail.com", "domain"],
    ["budi@gmail.com.", "domain"],
    ["budi@-gmail.com", "domain"],
    ["budi@gmail-.com", "domain"],
    ["budi@gmail_mail.com", "domain"],
    ["budi@gmail,com", "domain"],
    ["budi@[10.0.0.1]", "domain"],
    [`budi@${"a".repeat(64)}.id`, "domain"],
    ["budi@example.c", "tld"],
    ["budi@example.c0m", "tld"],
    ["budi@192.168.1.1", "tld"],
  ];

  it.each(cases)("%j → %s", (input, code) => {
    const result = parseEmail(input);
    expect(result).toMatchObject({ kind: "invalid", code });
    if (result.kind === "invalid") expect(result.reason).not.toContain("budi");
  });

  it("covers every invalid code", () => {
    const all = {
      too_long: true,
      non_ascii: true,
      multiple: true,
      spaces: true,
      at_sign: true,
      local_part: true,
      domain: true,
      tld: true,
    } satisfies Record<EmailInvalidCode, true>;
    expect(new Set(cases.map(([, code]) => code))).toEqual(new Set(Object.keys(all)));
  });

  it("tells a missing @ from a doubled one", () => {
    expect(parseEmail("budi.gmail.com")).toMatchObject({ reason: "Alamat email tidak memuat tanda @" });
    expect(parseEmail("a@b@c.com")).toMatchObject({ reason: "Alamat email memuat lebih dari satu tanda @" });
  });
});

describe("maskEmail", () => {
  it.each([
    ["budi@example.co.id", "b•••@example.co.id"],
    ["b@example.co.id", "b•••@example.co.id"],
    ["Budi.Santoso.Panjang@gmail.com", "B•••@gmail.com"],
    ["no-at-sign", "•••"],
    ["@example.com", "•••"],
    ["", "•••"],
  ])("%j → %j", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe("isPersonalEmailDomain", () => {
  it.each([
    ["budi@gmail.com", true],
    ["Budi@GMAIL.COM", true],
    ["gmail.com", true],
    ["yahoo.com", true],
    ["yahoo.co.id", true],
    ["ymail.com", true],
    ["rocketmail.com", true],
    ["hotmail.com", true],
    ["outlook.com", true],
    ["live.com", true],
    ["icloud.com", true],
    ["plasa.com", true],
    ["telkom.net", true],
    ["hrd@sinarjaya.co.id", false],
    ["mail.gmail.com", false],
    ["gmail.co.id", false],
    ["", false],
  ] as const)("%j → %s", (input, expected) => {
    expect(isPersonalEmailDomain(input)).toBe(expected);
  });
});
