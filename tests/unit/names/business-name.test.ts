import { describe, expect, it } from "vitest";
import {
  LEGAL_FORMS,
  legalFormLabel,
  parseBusinessName,
  parseNameSearch,
  type LegalForm,
  type ParsedBusinessName,
} from "@/lib/names/business-name.ts";
import { canonicalName, writeName } from "@/server/demo/demo-data/noise.ts";
import { Rng } from "@/server/demo/demo-data/prng.ts";
import { DEFAULT_RATES } from "@/server/demo/demo-data/rates.ts";
import { loadRegionTree } from "@/server/demo/demo-data/regions.ts";
import { DemoWorld } from "@/server/demo/demo-data/world.ts";

function parsed(overrides: Partial<ParsedBusinessName> & { core: string }): ParsedBusinessName {
  const tokens = overrides.core === "" ? [] : overrides.core.split(" ");
  return {
    legalForm: null,
    tbk: false,
    persero: false,
    branch: null,
    tokens,
    key: tokens.join(""),
    ...overrides,
  };
}

/** Every spelling partners use for each form, as the demo generator and AHU's entity-type column write them. */
const SPELLINGS: [form: LegalForm, spellings: string[]][] = [
  ["PT", ["PT", "PT.", "P.T.", "P.T", "PT .", "Pt.", "pt", "PERSEROAN TERBATAS", "Perseroan Terbatas"]],
  ["CV", ["CV", "CV.", "C.V.", "C.V", "Cv.", "PERSEKUTUAN KOMANDITER", "Persekutuan Komanditer", "COMMANDITAIRE VENNOOTSCHAP"]],
  ["FIRMA", ["FIRMA", "FIRMA.", "FA", "FA.", "Fa.", "PERSEKUTUAN FIRMA"]],
  ["PERSEKUTUAN_PERDATA", ["PERSEKUTUAN PERDATA", "PERSEKUTUAN PERDATA.", "Persekutuan Perdata"]],
  ["UD", ["UD", "UD.", "U.D.", "U.D", "Ud.", "USAHA DAGANG"]],
  ["KOPERASI", ["KOPERASI", "KOP.", "KOP", "Kop.", "Koperasi"]],
  ["YAYASAN", ["YAYASAN", "YAY.", "YYS.", "YYS", "Yayasan"]],
  ["PERUM", ["PERUM", "PERUM.", "PERUSAHAAN UMUM", "Perum"]],
  ["PERUMDA", ["PERUMDA", "PERUMDA.", "PERUSAHAAN UMUM DAERAH", "Perumda"]],
  ["PD", ["PD", "PD.", "P.D.", "PERUSAHAAN DAERAH"]],
];

const PREFIX_CASES = SPELLINGS.flatMap(([form, spellings]) => spellings.map((s) => [`${s} SINAR JAYA ABADI`, form] as const));
const SUFFIX_CASES = SPELLINGS.flatMap(([form, spellings]) =>
  spellings.flatMap((s) => [`SINAR JAYA ABADI, ${s}`, `SINAR JAYA ABADI ${s}`, `SINAR JAYA ABADI,${s}`, `SINAR JAYA ABADI (${s})`].map((text) => [text, form] as const)),
);

describe("parseBusinessName: legal forms", () => {
  it.each(PREFIX_CASES)("%j → %s (prefix)", (input, form) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: form, core: "SINAR JAYA ABADI" }));
  });

  it.each(SUFFIX_CASES)("%j → %s (suffix)", (input, form) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: form, core: "SINAR JAYA ABADI" }));
  });

  it.each([
    ["SINAR JAYA, PT", "PT"],
    ["SINAR JAYA PT", "PT"],
    ["SINAR JAYA, PT.", "PT"],
    ["SINAR JAYA (PT)", "PT"],
    ["SINAR JAYA,PT", "PT"],
    ["SINAR JAYA, CV", "CV"],
    ["SINAR JAYA, CV.", "CV"],
    ["SINAR JAYA CV", "CV"],
    ["SINAR JAYA,CV.", "CV"],
    ["SINAR JAYA, FA", "FIRMA"],
    ["SINAR JAYA, FIRMA", "FIRMA"],
    ["SINAR JAYA FA.", "FIRMA"],
    ["SINAR JAYA, PERSEKUTUAN PERDATA", "PERSEKUTUAN_PERDATA"],
    ["SINAR JAYA, UD", "UD"],
    ["SINAR JAYA UD.", "UD"],
  ] as const)("demo suffix %j → %s", (input, form) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: form, core: "SINAR JAYA" }));
  });

  it.each(["SINAR JAYA ABADI", "Sinar Jaya Abadi", "  sinar   jaya  abadi  "])("%j has no legal form", (input) => {
    expect(parseBusinessName(input)).toEqual(parsed({ core: "SINAR JAYA ABADI" }));
  });

  it.each([
    ["BANK PT ABC", "BANK PT ABC"],
    ["TOKO CV JAYA", "TOKO CV JAYA"],
    ["SUMBER UD MAKMUR", "SUMBER UD MAKMUR"],
    ["GRAHA KOPERASI MANDIRI", "GRAHA KOPERASI MANDIRI"],
    ["RUMAH YAYASAN KITA", "RUMAH YAYASAN KITA"],
  ])("keeps a form word in the middle: %j", (input, core) => {
    expect(parseBusinessName(input)).toEqual(parsed({ core }));
  });

  it("strips a form written twice, before and after", () => {
    expect(parseBusinessName("PT SINAR JAYA, PT")).toEqual(parsed({ legalForm: "PT", core: "SINAR JAYA" }));
  });

  it("keeps a second, different form in the core", () => {
    expect(parseBusinessName("CV SINAR JAYA, PT")).toEqual(parsed({ legalForm: "PT", core: "CV SINAR JAYA" }));
  });

  it.each([
    ["PERUSAHAAN UMUM DAERAH AIR MINUM TIRTA NADI", "PERUMDA"],
    ["PERUSAHAAN UMUM AIR MINUM TIRTA NADI", "PERUM"],
    ["PERUSAHAAN DAERAH AIR MINUM TIRTA NADI", "PD"],
  ] as const)("longest spelling wins: %j → %s", (input, form) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: form, core: "AIR MINUM TIRTA NADI" }));
  });
});

describe("parseBusinessName: Tbk and Persero", () => {
  it.each([
    ["PT BANK X (PERSERO) TBK", "PT", true, true],
    ["PT. Bank X (Persero) Tbk.", "PT", true, true],
    ["PT BANK X (PERSERO)", "PT", false, true],
    ["PT BANK X PERSERO", "PT", false, true],
    ["PT BANK X (Persero)", "PT", false, true],
    ["PT (PERSERO) BANK X", "PT", false, true],
    ["PT (Persero) Bank X Tbk", "PT", true, true],
    ["PT BANK X TBK", "PT", true, false],
    ["PT BANK X Tbk", "PT", true, false],
    ["PT BANK X, Tbk.", "PT", true, false],
    ["PT BANK X Tbk.", "PT", true, false],
    ["PT BANK X, TBK", "PT", true, false],
    ["BANK X TBK, PT", "PT", true, false],
    ["BANK X, PT TBK", "PT", true, false],
    ["BANK X (PERSERO) TBK, PT", "PT", true, true],
    // AHU writes the name without the form and the form in its own column: a Tbk or Persero is a PT.
    ["BANK X TBK", "PT", true, false],
    ["BANK X (PERSERO)", "PT", false, true],
    ["BANK X (PERSERO) TBK", "PT", true, true],
  ] as const)("%j → %s tbk=%s persero=%s", (input, form, tbk, persero) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: form, tbk, persero, core: "BANK X" }));
  });

  it("keeps PERSERO inside PERSEROAN TERBATAS as the form", () => {
    expect(parseBusinessName("PERSEROAN TERBATAS BANK X")).toEqual(parsed({ legalForm: "PT", core: "BANK X" }));
  });
});

describe("parseBusinessName: branches", () => {
  it.each([
    ["PT SINAR JAYA CABANG SURABAYA", "PT", "SURABAYA"],
    ["PT SINAR JAYA CAB. SURABAYA", "PT", "SURABAYA"],
    ["PT SINAR JAYA CAB SURABAYA", "PT", "SURABAYA"],
    ["PT SINAR JAYA KANTOR CABANG SURABAYA", "PT", "SURABAYA"],
    ["PT SINAR JAYA - KANTOR CABANG PEMBANTU SURABAYA", "PT", "SURABAYA"],
    ["Pt. Sinar Jaya Cabang Surabaya", "PT", "SURABAYA"],
    ["PT SINAR JAYA CABANG KOTA SURABAYA", "PT", "KOTA SURABAYA"],
    ["SINAR JAYA CABANG SURABAYA, PT", "PT", "SURABAYA"],
    ["SINAR JAYA, CV CABANG SURABAYA", "CV", "SURABAYA"],
    ["SINAR JAYA CABANG SURABAYA", null, "SURABAYA"],
  ] as const)("%j → branch %j", (input, form, branch) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: form, branch, core: "SINAR JAYA" }));
  });

  it("reads marks before the branch label", () => {
    expect(parseBusinessName("PT BANK X (PERSERO) TBK CABANG SURABAYA")).toEqual(
      parsed({ legalForm: "PT", tbk: true, persero: true, branch: "SURABAYA", core: "BANK X" }),
    );
  });

  it.each([
    ["CABANG SURABAYA", "CABANG SURABAYA"],
    ["PT SINAR JAYA CABANG", "SINAR JAYA CABANG"],
    ["TOKO CAB", "TOKO CAB"],
  ])("no branch without a name before and a place after: %j", (input, core) => {
    expect(parseBusinessName(input)).toMatchObject({ branch: null, core });
  });
});

describe("parseBusinessName: cooperatives", () => {
  it.each([
    ["KSP SEJAHTERA MAKMUR", "SIMPAN PINJAM SEJAHTERA MAKMUR"],
    ["KOPERASI SIMPAN PINJAM SEJAHTERA MAKMUR", "SIMPAN PINJAM SEJAHTERA MAKMUR"],
    ["KOP. SIMPAN PINJAM SEJAHTERA MAKMUR", "SIMPAN PINJAM SEJAHTERA MAKMUR"],
    ["KOPERASI KSP SEJAHTERA MAKMUR", "SIMPAN PINJAM SEJAHTERA MAKMUR"],
    ["Ksp Sejahtera Makmur", "SIMPAN PINJAM SEJAHTERA MAKMUR"],
    ["KSU BINA USAHA", "SERBA USAHA BINA USAHA"],
    ["KOPERASI SERBA USAHA BINA USAHA", "SERBA USAHA BINA USAHA"],
    ["KUD MAJU", "UNIT DESA MAJU"],
    ["KOPERASI UNIT DESA MAJU", "UNIT DESA MAJU"],
    ["KPRI GURU SEJAHTERA", "PEGAWAI REPUBLIK INDONESIA GURU SEJAHTERA"],
    ["KOPERASI PEGAWAI REPUBLIK INDONESIA GURU SEJAHTERA", "PEGAWAI REPUBLIK INDONESIA GURU SEJAHTERA"],
    ["KOPKAR MAJU BERSAMA", "KARYAWAN MAJU BERSAMA"],
    ["KOPERASI KARYAWAN MAJU BERSAMA", "KARYAWAN MAJU BERSAMA"],
    ["KOPDIT CU HARAPAN", "KREDIT CU HARAPAN"],
    ["KOPERASI PRODUSEN TAHU TEMPE", "PRODUSEN TAHU TEMPE"],
  ])("%j → KOPERASI %j", (input, core) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: "KOPERASI", core }));
  });

  it("gives a short and a spelled-out cooperative the same key", () => {
    expect(parseBusinessName("KSP Sejahtera").key).toBe(parseBusinessName("KOPERASI SIMPAN PINJAM SEJAHTERA").key);
    expect(parseBusinessName("KUD MAJU").key).toBe(parseBusinessName("Kop. Unit Desa Maju").key);
  });

  it.each([
    ["KSP", "KSP"],
    ["KOPERASI KSP", "KSP"],
  ])("keeps a lone short form as the core: %j", (input, core) => {
    expect(parseBusinessName(input).core).toBe(core);
  });

  it("reads a short form only at the start", () => {
    expect(parseBusinessName("MITRA KSP JAYA")).toEqual(parsed({ core: "MITRA KSP JAYA" }));
  });

  it.each([
    ["PDAM TIRTA NADI", "PD"],
    ["PERUMDAM TIRTA NADI", "PERUMDA"],
    ["PERUMDA AIR MINUM TIRTA NADI", "PERUMDA"],
  ] as const)("water utilities spell out AIR MINUM: %j", (input, form) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: form, core: "AIR MINUM TIRTA NADI" }));
  });
});

describe("parseBusinessName: empty-core guard", () => {
  it.each([
    ["PT", "PT", null],
    ["P.T.", "P T", null],
    ["CV.", "CV", null],
    ["KOPERASI", "KOPERASI", null],
    ["Yayasan", "YAYASAN", null],
    ["PERSEROAN TERBATAS", "PERSEROAN TERBATAS", null],
    ["PT PT", "PT", "PT"],
    ["CV PT", "CV", "PT"],
    ["PT TBK", "PT", "PT"],
    ["TBK", "TBK", null],
    ["(PERSERO)", "PERSERO", null],
  ] as const)("%j keeps core %j (form %s)", (input, core, form) => {
    const result = parseBusinessName(input);
    expect(result.core).toBe(core);
    expect(result.legalForm).toBe(form);
    expect(result.tokens.length).toBeGreaterThan(0);
  });

  it.each(["", "   ", "-", ".,()", "’"])("%j has nothing to keep", (input) => {
    expect(parseBusinessName(input)).toEqual(parsed({ core: "" }));
  });
});

describe("parseBusinessName: folding", () => {
  it.each([
    ["Pt. Sinar Jaya", "SINAR JAYA"],
    ["PT.SINAR JAYA", "SINAR JAYA"],
    ["PT  SINAR   JAYA", "SINAR JAYA"],
    ["  PT SINAR JAYA  ", "SINAR JAYA"],
    ["PT\tSINAR\nJAYA", "SINAR JAYA"],
    ["PT SINAR-JAYA", "SINAR JAYA"],
    ["PT SINAR/JAYA", "SINAR JAYA"],
    ['PT "SINAR JAYA"', "SINAR JAYA"],
    ["PT SINAR_JAYA_99", "SINAR JAYA 99"],
    ["PT SINAR & JAYA", "SINAR DAN JAYA"],
    ["PT SINAR&JAYA", "SINAR DAN JAYA"],
    ["PT MA'RUF JAYA", "MARUF JAYA"],
    ["PT MA’RUF JAYA", "MARUF JAYA"],
    ["PT MA‘RUF JAYA", "MARUF JAYA"],
    ["PT MA`RUF JAYA", "MARUF JAYA"],
    ["PT MA´RUF JAYA", "MARUF JAYA"],
    ["PT 'SINAR' JAYA", "SINAR JAYA"],
    ["PT CAFÉ SÉNTOSA", "CAFE SENTOSA"],
    ["PT CAFE\u0301 SENTOSA", "CAFE SENTOSA"],
    ["pt. café jaya", "CAFE JAYA"],
    ["ＰＴ ＳＩＮＡＲ", "SINAR"],
    ["PT SINAR • JAYA", "SINAR JAYA"],
    ["PT SINAR\u00a0JAYA", "SINAR JAYA"],
    ["PT H. AHMAD", "H AHMAD"],
  ])("%j → %j", (input, core) => {
    expect(parseBusinessName(input)).toEqual(parsed({ legalForm: "PT", core }));
  });

  it("reads an ampersand like the word DAN", () => {
    expect(parseBusinessName("HADI & REKAN").key).toBe(parseBusinessName("HADI DAN REKAN").key);
  });

  it("does not change the input's order or drop digits", () => {
    expect(parseBusinessName("CV 3 PUTRA 88")).toEqual(parsed({ legalForm: "CV", core: "3 PUTRA 88" }));
  });
});

describe("parseBusinessName: one key for every spelling", () => {
  const spellings = [
    "PT SINAR JAYA ABADI",
    "PT. SINAR JAYA ABADI",
    "P.T. Sinar Jaya Abadi",
    "Pt. Sinar Jaya Abadi",
    "PT  SINARJAYA ABADI",
    "PERSEROAN TERBATAS SINAR JAYA ABADI",
    "SINAR JAYA ABADI, PT",
    "SINAR JAYA ABADI,PT.",
    "SINAR JAYA ABADI (PT)",
    "Sinar-Jaya Abadi",
    "SINAR JAYA ABADI CABANG BANDUNG",
    "SINAR JAYA ABADI, PT CAB. BANDUNG",
    "sinar jaya abadi",
  ];

  it.each(spellings)("%j → SINARJAYAABADI", (input) => {
    expect(parseBusinessName(input).key).toBe("SINARJAYAABADI");
  });

  it("keys are the tokens joined, and tokens the core split", () => {
    for (const input of spellings) {
      const result = parseBusinessName(input);
      expect(result.tokens).toEqual(result.core.split(" "));
      expect(result.key).toBe(result.tokens.join(""));
    }
  });
});

describe("parseBusinessName: names the demo generator writes", () => {
  const ENTITIES = 3000;
  const tree = loadRegionTree();

  it.each([1, 7, 2024])("seed %i: every written name has the canonical name's key", (seed) => {
    const world = new DemoWorld(seed, DEFAULT_RATES, 2025, tree, ENTITIES);
    const formsSeen = new Set<string>();
    let shortForms = 0;
    for (let index = 0; index < ENTITIES; index++) {
      const business = world.core(index);
      const canonical = parseBusinessName(canonicalName(business));
      for (let draw = 0; draw < 4; draw++) {
        const written = writeName(new Rng(seed, 991, index, draw), business, business.nameCore, DEFAULT_RATES.legalFormMissing);
        const result = parseBusinessName(written.text);
        expect({ written: written.text, key: result.key }).toEqual({ written: written.text, key: canonical.key });
        const expectedForm = business.legalForm === "PERORANGAN" ? null : business.legalForm;
        if (written.formWritten) {
          expect({ written: written.text, form: result.legalForm, tbk: result.tbk, persero: result.persero }).toEqual({
            written: written.text,
            form: expectedForm,
            tbk: business.tbk,
            persero: business.persero,
          });
        }
        if (business.branchLabel) expect(result.branch).toBe(business.branchLabel.replace(" CABANG ", ""));
        if (business.coopShort && written.text.toUpperCase().startsWith(business.coopShort)) shortForms++;
        formsSeen.add(business.legalForm);
      }
    }
    // The sample reaches every form the generator writes, including cooperative short forms.
    expect(formsSeen.size).toBeGreaterThanOrEqual(8);
    expect(shortForms).toBeGreaterThan(0);
  });
});

describe("legalFormLabel", () => {
  it.each([
    ["PT", "PT"],
    ["CV", "CV"],
    ["FIRMA", "Firma"],
    ["PERSEKUTUAN_PERDATA", "Persekutuan Perdata"],
    ["UD", "UD"],
    ["KOPERASI", "Koperasi"],
    ["YAYASAN", "Yayasan"],
    ["PERUM", "Perum"],
    ["PERUMDA", "Perumda"],
    ["PD", "PD"],
  ] as const)("%s → %j", (form, label) => {
    expect(legalFormLabel(form)).toBe(label);
  });

  it("labels every form", () => {
    for (const form of LEGAL_FORMS) expect(legalFormLabel(form)).toMatch(/\S/);
  });

  it.each([
    [{ tbk: true }, "PT Tbk"],
    [{ persero: true }, "PT (Persero)"],
    [{ tbk: true, persero: true }, "PT (Persero) Tbk"],
    [{ tbk: false, persero: false }, "PT"],
  ])("PT with %j → %j", (marks, label) => {
    expect(legalFormLabel("PT", marks)).toBe(label);
  });

  it("labels a parsed name", () => {
    const result = parseBusinessName("PT BANK X (PERSERO) TBK");
    expect(result.legalForm && legalFormLabel(result.legalForm, result)).toBe("PT (Persero) Tbk");
  });
});

describe("parseNameSearch", () => {
  it.each([
    // A legal form alone names the form and no name (a business name would keep it as its core).
    ["yayasan", { legalForm: "YAYASAN", core: "" }],
    ["Koperasi", { legalForm: "KOPERASI", core: "" }],
    ["PT", { legalForm: "PT", core: "" }],
    ["c.v.", { legalForm: "CV", core: "" }],
    ["Perseroan Terbatas", { legalForm: "PT", core: "" }],
    ["KSP", { legalForm: "KOPERASI", core: "SIMPAN PINJAM" }],
    // Beside a name, as parseBusinessName folds it.
    ["cv jaya", { legalForm: "CV", core: "JAYA" }],
    ["yayasan pendidikan", { legalForm: "YAYASAN", core: "PENDIDIKAN" }],
    ["sinar jaya, pt", { legalForm: "PT", core: "SINAR JAYA" }],
    ["sinar jaya", { legalForm: null, core: "SINAR JAYA" }],
    ["yasa", { legalForm: null, core: "YASA" }],
  ])("%s", (q, expected) => {
    expect(parseNameSearch(q)).toEqual(expected);
  });
});

describe("parseBusinessName: legal forms as people mistype them", () => {
  it.each([
    ["PERSEOAN TERBATAS BERSAMA MEDIKA", "PT", "BERSAMA MEDIKA"],
    ["PERSEROAN TERBATSA BERSAMA MEDIKA", "PT", "BERSAMA MEDIKA"],
    ["PTBERSAMA MEDIKA", "PT", "BERSAMA MEDIKA"],
    ["PTT BERSAMA MEDIKA", "PT", "BERSAMA MEDIKA"],
    ["CVSINAR JAYA", "CV", "SINAR JAYA"],
    ["FIRM ADIL MAKMUR", "FIRMA", "ADIL MAKMUR"],
    ["FIRMÉ ADIL MAKMUR", "FIRMA", "ADIL MAKMUR"],
    ["ADIL MAKMUR, FRIMA", "FIRMA", "ADIL MAKMUR"],
    ["PERSEKUTUÉN PERDATA NOTARIS BERSAMA", "PERSEKUTUAN_PERDATA", "NOTARIS BERSAMA"],
    ["PERSEKUTUAN PERDAT NOTARIS BERSAMA", "PERSEKUTUAN_PERDATA", "NOTARIS BERSAMA"],
    ["KOPERAS MAJU BERSAMA", "KOPERASI", "MAJU BERSAMA"],
    ["YAYSAN PENDIDIKAN BANGSA", "YAYASAN", "PENDIDIKAN BANGSA"],
  ] as const)("%j → %s %j", (input, form, core) => {
    expect(parseBusinessName(input)).toMatchObject({ legalForm: form, core });
  });

  it.each([
    ["PT BANK RAKYAT TBBK", "BANK RAKYAT"],
    ["PT BANK RAKYAT T BK", "BANK RAKYAT"],
    ["BANK RAKYAT TBKK, PT", "BANK RAKYAT"],
  ])("%j is a listed PT named %j", (input, core) => {
    expect(parseBusinessName(input)).toMatchObject({ legalForm: "PT", tbk: true, core });
  });

  it.each([
    // A name that only looks like a form stays a name.
    ["FIRMAN JAYA", null, "FIRMAN JAYA"],
    ["CV FIRMAN JAYA", "CV", "FIRMAN JAYA"],
    ["PTT SURABAYA", null, "PTT SURABAYA"],
    ["PERDANA JAYA", null, "PERDANA JAYA"],
    ["UDARA MAS", null, "UDARA MAS"],
    ["PTPN", null, "PTPN"],
    ["FIRMA", null, "FIRMA"],
    ["SINAR TB", null, "SINAR TB"],
    ["BERKAH SARANA FARMA", null, "BERKAH SARANA FARMA"],
    ["CV BERKAH SARANA FARMA", "CV", "BERKAH SARANA FARMA"],
    ["MEDIA FORMA", null, "MEDIA FORMA"],
    ["OPERASI SEMUT MERAH", null, "OPERASI SEMUT MERAH"],
  ] as const)("%j keeps its words: %s %j", (input, form, core) => {
    expect(parseBusinessName(input)).toMatchObject({ legalForm: form, core });
  });
});
