import { describe, expect, it } from "vitest";
import type { RegionDto, RegionLevel } from "@/lib/region-code.ts";
import { createRegionResolver } from "@/server/ingest/region-resolver.ts";
import type { RegionInput } from "@/server/ingest/types.ts";

/** A slice of the real Kemendagri list (idn-area-data), enough for every rule below. */
const REGIONS: RegionDto[] = [
  ...level("PROVINCE", null, [
    ["11", "Aceh"],
    ["13", "Sumatera Barat"],
    ["14", "Riau"],
    ["31", "Daerah Khusus Ibukota Jakarta"],
    ["32", "Jawa Barat"],
    ["33", "Jawa Tengah"],
    ["34", "Daerah Istimewa Yogyakarta"],
    ["63", "Kalimantan Selatan"],
    ["91", "Papua"],
    ["92", "Papua Barat"],
    ["93", "Papua Selatan"],
  ]),
  ...level("REGENCY", "11", [["11.06", "Kabupaten Aceh Besar"]]),
  ...level("REGENCY", "13", [["13.07", "Kabupaten Lima Puluh Kota"]]),
  ...level("REGENCY", "14", [["14.07", "Kabupaten Rokan Hilir"]]),
  ...level("REGENCY", "31", [
    ["31.01", "Kabupaten Administrasi Kepulauan Seribu"],
    ["31.71", "Kota Administrasi Jakarta Pusat"],
    ["31.74", "Kota Administrasi Jakarta Selatan"],
  ]),
  ...level("REGENCY", "32", [
    ["32.01", "Kabupaten Bogor"],
    ["32.04", "Kabupaten Bandung"],
    ["32.17", "Kabupaten Bandung Barat"],
    ["32.71", "Kota Bogor"],
    ["32.73", "Kota Bandung"],
  ]),
  ...level("REGENCY", "33", [["33.01", "Kabupaten Cilacap"]]),
  ...level("REGENCY", "34", [
    ["34.04", "Kabupaten Sleman"],
    ["34.71", "Kota Yogyakarta"],
  ]),
  ...level("REGENCY", "63", [["63.02", "Kabupaten Kotabaru"]]),
  ...level("REGENCY", "91", [["91.03", "Kabupaten Jayapura"]]),
  ...level("REGENCY", "93", [["93.01", "Kabupaten Merauke"]]),
  ...level("DISTRICT", "14.07", [["14.07.06", "Pasir Limau Kapas"]]),
  ...level("DISTRICT", "31.74", [["31.74.01", "Tebet"]]),
  ...level("DISTRICT", "32.04", [
    ["32.04.17", "Cimaung"],
    ["32.04.29", "Ciparay"],
    ["32.04.30", "Pacet"],
    ["32.04.32", "Baleendah"],
  ]),
  ...level("DISTRICT", "32.17", [["32.17.01", "Lembang"]]),
  ...level("DISTRICT", "32.73", [
    ["32.73.02", "Coblong"],
    ["32.73.18", "Cibeunying Kaler"],
  ]),
  ...level("VILLAGE", "14.07.06", [
    ["14.07.06.1007", "Panipahan"],
    ["14.07.06.2001", "Panipahan"],
  ]),
  ...level("VILLAGE", "32.04.17", [
    ["32.04.17.2005", "Cipinang"],
    ["32.04.17.2006", "Mekarsari"],
  ]),
  ...level("VILLAGE", "32.04.29", [
    ["32.04.29.2001", "Ciparay"],
    ["32.04.29.2003", "Mekarsari"],
  ]),
  ...level("VILLAGE", "32.04.30", [["32.04.30.2013", "Mekarsari"]]),
  ...level("VILLAGE", "32.04.32", [
    ["32.04.32.1001", "Baleendah"],
    ["32.04.32.1002", "Andir"],
  ]),
  ...level("VILLAGE", "32.73.02", [
    ["32.73.02.1001", "Cipaganti"],
    ["32.73.02.1004", "Dago"],
  ]),
];

function level(name: RegionLevel, parentCode: string | null, rows: [string, string][]): RegionDto[] {
  return rows.map(([code, regionName]) => ({ code, name: regionName, level: name, parentCode }));
}

const resolver = createRegionResolver(REGIONS);
const resolve = (input: RegionInput) => resolver.resolve(input);
const codes = (input: RegionInput) => {
  const { provinceCode, regencyCode, districtCode, villageCode } = resolve(input);
  return [provinceCode, regencyCode, districtCode, villageCode];
};

describe("region names, as AHU writes them", () => {
  it.each([
    ["KAB. BANDUNG", "exact"],
    ["KAB BANDUNG", "exact"],
    ["Kabupaten Bandung", "exact"],
    ["KABUPATEN  BANDUNG", "exact"],
    ["kabupaten bandung", "exact"],
    ["BANDUNG (KAB)", "alias"],
    ["Bandung, Kab.", "alias"],
  ] as const)("regency %j in Jawa Barat → Kabupaten Bandung (%s)", (regencyName, quality) => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName })).toEqual({
      provinceCode: "32",
      regencyCode: "32.04",
      districtCode: null,
      villageCode: null,
      quality,
      issues: [],
    });
  });

  it.each([
    ["KOTA BANDUNG", "exact"],
    ["KODYA BANDUNG", "exact"],
    ["KOTAMADYA BANDUNG", "exact"],
    ["Bandung Kota", "alias"],
  ] as const)("regency %j → Kota Bandung (%s)", (regencyName, quality) => {
    expect(resolve({ provinceName: "Jawa Barat", regencyName })).toMatchObject({ regencyCode: "32.73", quality, issues: [] });
  });

  it("leaves a bare name that fits a kabupaten and a kota empty, and says which they are", () => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "BANDUNG" })).toEqual({
      provinceCode: "32",
      regencyCode: null,
      districtCode: null,
      villageCode: null,
      quality: "ambiguous",
      issues: [
        {
          column: "regencyName",
          reason:
            'Nama kabupaten/kota "BANDUNG" cocok dengan beberapa wilayah di Jawa Barat: Kabupaten Bandung (32.04), Kota Bandung (32.73)',
        },
      ],
    });
  });

  it("settles such a name by the district under it", () => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "BANDUNG", districtName: "COBLONG" })).toEqual({
      provinceCode: "32",
      regencyCode: "32.73",
      districtCode: "32.73.02",
      villageCode: null,
      quality: "alias",
      issues: [],
    });
    expect(codes({ provinceName: "JAWA BARAT", regencyName: "BANDUNG", districtName: "KEC. BALEENDAH" })).toEqual([
      "32",
      "32.04",
      "32.04.32",
      null,
    ]);
    // By the village when the district is missing; the village then tells the district too.
    expect(codes({ provinceName: "JAWA BARAT", regencyName: "BANDUNG", villageName: "DAGO" })).toEqual([
      "32",
      "32.73",
      "32.73.02",
      "32.73.02.1004",
    ]);
    // Bogor has no child in the list: still ambiguous.
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "BOGOR" }).quality).toBe("ambiguous");
  });

  it.each([
    ["KOTA ADM. JAKARTA SELATAN", "exact"],
    ["Kota Administrasi Jakarta Selatan", "exact"],
    ["KOTA ADMINISTRASI JAKARTA SELATAN", "exact"],
    ["KOTA JAKARTA SELATAN", "alias"],
    ["ADM. JAKARTA SELATAN", "alias"],
    ["JAKARTA SELATAN", "alias"],
    ["JAKARTA  SELATAN.", "alias"],
  ] as const)("regency %j in DKI JAKARTA → Jakarta Selatan (%s)", (regencyName, quality) => {
    expect(resolve({ provinceName: "DKI JAKARTA", regencyName })).toMatchObject({
      provinceCode: "31",
      regencyCode: "31.74",
      quality,
      issues: [],
    });
  });

  it.each([
    ["KAB. ADM. KEP. SERIBU", "31", "31.01"],
    ["KEPULAUAN SERIBU", "31", "31.01"],
    ["KOTA BARU", "63", "63.02"],
    ["KOTABARU", "63", "63.02"],
    ["LIMA PULUH KOTA", "13", "13.07"],
    ["KAB. 50 KOTA", "13", "13.07"],
    ["KOTA YOGYAKARTA", "34", "34.71"],
  ])("regency %j → %s / %s", (regencyName, provinceCode, regencyCode) => {
    expect(resolve({ regencyName })).toMatchObject({ provinceCode, regencyCode, issues: [] });
  });

  it.each([
    ["JAWA BARAT", "32", "exact"],
    ["jawa barat", "32", "exact"],
    ["PROV. JAWA BARAT", "32", "exact"],
    ["PROVINSI JAWA BARAT", "32", "exact"],
    ["Propinsi Jawa-Barat", "32", "exact"],
    ["JABAR", "32", "alias"],
    ["DKI JAKARTA", "31", "exact"],
    ["D.K.I. JAKARTA", "31", "exact"],
    ["JAKARTA", "31", "alias"],
    ["DKI JAKARTA RAYA", "31", "alias"],
    ["Daerah Khusus Jakarta", "31", "alias"],
    ["D.I. YOGYAKARTA", "34", "alias"],
    ["DI YOGYAKARTA", "34", "alias"],
    ["DIY", "34", "exact"],
    ["YOGYAKARTA", "34", "alias"],
    ["NAD", "11", "alias"],
    ["NANGGROE ACEH DARUSSALAM", "11", "alias"],
    ["D.I. ACEH", "11", "alias"],
    ["PAPUA BARAT", "92", "exact"],
    ["IRIAN JAYA BARAT", "92", "alias"],
  ] as const)("province %j → %s (%s)", (provinceName, provinceCode, quality) => {
    expect(resolve({ provinceName })).toEqual({
      provinceCode,
      regencyCode: null,
      districtCode: null,
      villageCode: null,
      quality,
      issues: [],
    });
  });

  it("reads accents, apostrophes and stray punctuation as nothing", () => {
    expect(codes({ provinceName: "  jáwa   bàrat ", regencyName: "kota-bandung", districtName: "Cobl'ong" })).toEqual([
      "32",
      "32.73",
      "32.73.02",
      null,
    ]);
  });

  it("treats a cell without letters or digits as empty", () => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "-", districtName: " . " })).toEqual({
      provinceCode: "32",
      regencyCode: null,
      districtCode: null,
      villageCode: null,
      quality: "exact",
      issues: [],
    });
    expect(resolve({})).toEqual({
      provinceCode: null,
      regencyCode: null,
      districtCode: null,
      villageCode: null,
      quality: "unresolved",
      issues: [],
    });
  });
});

describe("villages and districts", () => {
  it("resolves a village name found in many districts within its own district", () => {
    const base = { provinceName: "JAWA BARAT", regencyName: "KAB. BANDUNG", villageName: "MEKARSARI" };
    expect(codes({ ...base, districtName: "CIPARAY" })).toEqual(["32", "32.04", "32.04.29", "32.04.29.2003"]);
    expect(codes({ ...base, districtName: "KECAMATAN CIMAUNG" })).toEqual(["32", "32.04", "32.04.17", "32.04.17.2006"]);
    expect(codes({ ...base, districtName: "Kec. Pacet", villageName: "DESA MEKARSARI" })).toEqual([
      "32",
      "32.04",
      "32.04.30",
      "32.04.30.2013",
    ]);

    const withoutDistrict = resolve(base);
    expect(withoutDistrict).toMatchObject({ regencyCode: "32.04", villageCode: null, quality: "ambiguous" });
    expect(withoutDistrict.issues).toEqual([
      {
        column: "villageName",
        reason:
          'Nama desa/kelurahan "MEKARSARI" cocok dengan beberapa wilayah di Kabupaten Bandung: Mekarsari (32.04.17.2006), ' +
          "Mekarsari (32.04.29.2003), Mekarsari (32.04.30.2013)",
      },
    ]);
  });

  it("tells a kelurahan from a desa of the same name by the type word", () => {
    const base = { provinceName: "RIAU", regencyName: "ROKAN HILIR", districtName: "PASIR LIMAU KAPAS" };
    expect(resolve({ ...base, villageName: "PANIPAHAN" }).quality).toBe("ambiguous");
    expect(resolve({ ...base, villageName: "KEL. PANIPAHAN" })).toMatchObject({ villageCode: "14.07.06.1007", quality: "alias" });
    expect(resolve({ ...base, villageName: "DESA PANIPAHAN" })).toMatchObject({ villageCode: "14.07.06.2001", quality: "alias" });
  });

  it("follows a village that moved to another district of the same regency, and says so", () => {
    expect(
      resolve({ provinceName: "JAWA BARAT", regencyName: "KAB. BANDUNG", districtName: "CIPARAY", villageName: "CIPINANG" }),
    ).toEqual({
      provinceCode: "32",
      regencyCode: "32.04",
      districtCode: "32.04.17",
      villageCode: "32.04.17.2005",
      quality: "fuzzy",
      issues: [
        { column: "districtName", reason: 'Nama kecamatan "CIPARAY" diganti Cimaung (32.04.17) mengikuti desa/kelurahan' },
        {
          column: "villageName",
          reason: 'Nama desa/kelurahan "CIPINANG" tidak ditemukan di Ciparay; dipakai Cipinang (32.04.17.2005) di Cimaung',
        },
      ],
    });
  });

  it("resolves the old province of a regency split off in 2022 to the regency's current province", () => {
    expect(resolve({ provinceName: "PAPUA", regencyName: "KAB. MERAUKE" })).toEqual({
      provinceCode: "93",
      regencyCode: "93.01",
      districtCode: null,
      villageCode: null,
      quality: "fuzzy",
      issues: [
        { column: "provinceName", reason: 'Nama provinsi "PAPUA" diganti Papua Selatan (93) mengikuti kabupaten/kota' },
        {
          column: "regencyName",
          reason: 'Nama kabupaten/kota "KAB. MERAUKE" tidak ditemukan di Papua; dipakai Kabupaten Merauke (93.01) di Papua Selatan',
        },
      ],
    });
    expect(codes({ provinceName: "PAPUA", regencyName: "JAYAPURA" })).toEqual(["91", "91.03", null, null]);
  });

  it("reports a name found nowhere under its parent", () => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KOTA BANDUNG", districtName: "TEBET" })).toEqual({
      provinceCode: "32",
      regencyCode: "32.73",
      districtCode: null,
      villageCode: null,
      quality: "unresolved",
      issues: [{ column: "districtName", reason: 'Nama kecamatan "TEBET" tidak ditemukan di Kota Bandung' }],
    });
  });
});

describe("typos", () => {
  it("tolerates one typo in a name of 5+ letters and two from 10, within the parent", () => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KAB. BANDUNG BARRAT" })).toEqual({
      provinceCode: "32",
      regencyCode: "32.17",
      districtCode: null,
      villageCode: null,
      quality: "fuzzy",
      issues: [
        {
          column: "regencyName",
          reason: 'Nama kabupaten/kota "KAB. BANDUNG BARRAT" tidak persis sama; dianggap Kabupaten Bandung Barat (32.17)',
        },
      ],
    });
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KAB. BANDNG BRAT" })).toMatchObject({ regencyCode: "32.17", quality: "fuzzy" });
    expect(resolve({ provinceName: "JAWA BRAT" })).toMatchObject({ provinceCode: "32", quality: "fuzzy" });
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KABUPATN BANDUNG" })).toMatchObject({ regencyCode: "32.04", quality: "fuzzy" });
    // Swapped neighbours count as one typo.
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KAB. BANDNUG" })).toMatchObject({ regencyCode: "32.04", quality: "fuzzy" });
    // Equally near Kabupaten and Kota Bandung: the type word decides.
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KOTA BANDUNK" })).toMatchObject({ regencyCode: "32.73", quality: "fuzzy" });
    expect(codes({ provinceName: "JAWA BARAT", regencyName: "KAB BANDUNG", districtName: "CIPARAI", villageName: "MEKARSARRI" })).toEqual([
      "32",
      "32.04",
      "32.04.29",
      "32.04.29.2003",
    ]);
  });

  it("does not guess beyond the allowance, for short names, or nationwide", () => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KAB. BANDXNX BARRAT" }).regencyCode).toBeNull();
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KOTA BANDUNG", districtName: "COBLONG", villageName: "DAGU" })).toMatchObject({
      districtCode: "32.73.02",
      villageCode: null,
      quality: "unresolved",
    });
    expect(resolve({ regencyName: "KAB. BANDUNG BARRAT" })).toEqual({
      provinceCode: null,
      regencyCode: null,
      districtCode: null,
      villageCode: null,
      quality: "unresolved",
      issues: [{ column: "regencyName", reason: 'Nama kabupaten/kota "KAB. BANDUNG BARRAT" tidak ditemukan dalam data wilayah Kemendagri' }],
    });
  });

  it("calls a kota written for a kabupaten a guess", () => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KOTA BANDUNG BARAT" })).toMatchObject({ regencyCode: "32.17", quality: "fuzzy" });
  });
});

describe("without a parent", () => {
  it("searches nationwide and accepts a single match, at most as an alias", () => {
    expect(resolve({ regencyName: "KOTA JAKARTA SELATAN" })).toEqual({
      provinceCode: "31",
      regencyCode: "31.74",
      districtCode: null,
      villageCode: null,
      quality: "alias",
      issues: [],
    });
    // Exact names, but without the province: alias.
    expect(resolve({ regencyName: "Kabupaten Bandung", districtName: "Baleendah" })).toMatchObject({
      districtCode: "32.04.32",
      quality: "alias",
    });
    expect(resolve({ districtName: "COBLONG" })).toMatchObject({ provinceCode: "32", regencyCode: "32.73", districtCode: "32.73.02", quality: "alias" });
    // An ambiguous regency still tells its province.
    expect(resolve({ regencyName: "BANDUNG" })).toMatchObject({ provinceCode: "32", regencyCode: null, quality: "ambiguous" });
  });

  it("skips a missing level and searches within the level above it", () => {
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "KAB. BANDUNG", villageName: "CIPINANG" })).toMatchObject({
      districtCode: "32.04.17",
      villageCode: "32.04.17.2005",
      quality: "alias",
    });
  });

  it("fills an unrecognised parent from a child found alone, as a guess", () => {
    expect(resolve({ provinceName: "INDONESIA", regencyName: "KOTA BANDUNG" })).toEqual({
      provinceCode: "32",
      regencyCode: "32.73",
      districtCode: null,
      villageCode: null,
      quality: "fuzzy",
      issues: [{ column: "provinceName", reason: 'Nama provinsi "INDONESIA" tidak dikenali; dipakai Jawa Barat (32) sesuai wilayah di bawahnya' }],
    });
  });
});

describe("codes", () => {
  it("takes codes with or without dots and fills the levels above the deepest", () => {
    const expected = {
      provinceCode: "32",
      regencyCode: "32.73",
      districtCode: "32.73.02",
      villageCode: "32.73.02.1004",
      quality: "code",
      issues: [],
    };
    expect(resolve({ provinceCode: "32", regencyCode: "32.73", districtCode: "32.73.02", villageCode: "32.73.02.1004" })).toEqual(expected);
    expect(resolve({ provinceCode: "32", regencyCode: "3273", districtCode: "327302", villageCode: "3273021004" })).toEqual(expected);
    expect(resolve({ villageCode: " 3273021004 " })).toEqual(expected);
    expect(resolve({ regencyCode: "3273" })).toMatchObject({ provinceCode: "32", regencyCode: "32.73", districtCode: null, quality: "code" });
  });

  it("does not need the names next to valid codes", () => {
    expect(resolve({ provinceCode: "32", provinceName: "nonsense", regencyCode: "3204", regencyName: "KOTA BANDUNG" })).toMatchObject({
      regencyCode: "32.04",
      quality: "code",
      issues: [],
    });
  });

  it("reads a code of the level's own part under its parent's code", () => {
    expect(resolve({ provinceCode: "32", regencyCode: "73", districtCode: "02" })).toMatchObject({
      regencyCode: "32.73",
      districtCode: "32.73.02",
      quality: "code",
      issues: [],
    });
  });

  it("reports an unknown code and falls back to the name of that level", () => {
    expect(resolve({ provinceCode: "32", regencyCode: "32.99", regencyName: "KOTA BANDUNG" })).toEqual({
      provinceCode: "32",
      regencyCode: "32.73",
      districtCode: null,
      villageCode: null,
      quality: "exact",
      issues: [{ column: "regencyCode", reason: "Kode kabupaten/kota 32.99 tidak ada dalam data wilayah Kemendagri" }],
    });
    expect(resolve({ provinceCode: "32", regencyCode: "32.99" })).toEqual({
      provinceCode: "32",
      regencyCode: null,
      districtCode: null,
      villageCode: null,
      quality: "unresolved",
      issues: [{ column: "regencyCode", reason: "Kode kabupaten/kota 32.99 tidak ada dalam data wilayah Kemendagri" }],
    });
  });

  it("reports malformed codes and codes of another level", () => {
    expect(resolve({ provinceCode: "3X" }).issues).toEqual([
      { column: "provinceCode", reason: 'Kode provinsi "3X" bukan kode wilayah Kemendagri yang sah' },
    ]);
    expect(resolve({ regencyCode: "1.23457E+14" }).quality).toBe("unresolved");
    expect(resolve({ regencyCode: "32" })).toMatchObject({
      regencyCode: null,
      quality: "unresolved",
      issues: [{ column: "regencyCode", reason: "Kode 32 di kolom kabupaten/kota adalah kode provinsi (Jawa Barat)" }],
    });
  });

  it("refuses a code that contradicts its parent's code, and uses the name instead", () => {
    expect(resolve({ provinceCode: "33", regencyCode: "32.73" })).toEqual({
      provinceCode: "33",
      regencyCode: null,
      districtCode: null,
      villageCode: null,
      quality: "unresolved",
      issues: [{ column: "regencyCode", reason: "Kode kabupaten/kota Kota Bandung (32.73) tidak berada di Jawa Tengah (33)" }],
    });
    expect(resolve({ provinceCode: "32", regencyCode: "33.01", regencyName: "KOTA BANDUNG", districtCode: "32.73.02" })).toEqual({
      provinceCode: "32",
      regencyCode: "32.73",
      districtCode: "32.73.02",
      villageCode: null,
      quality: "code",
      issues: [{ column: "regencyCode", reason: "Kode kabupaten/kota Kabupaten Cilacap (33.01) tidak berada di Jawa Barat (32)" }],
    });
    expect(resolve({ provinceCode: "32", regencyCode: "33.01", regencyName: "KOTA BANDUNG" })).toMatchObject({
      regencyCode: "32.73",
      quality: "exact",
    });
  });

  it("keeps the weakest quality of the levels given", () => {
    expect(resolve({ provinceCode: "32", regencyName: "BANDUNG", districtName: "COBLONG" }).quality).toBe("alias");
    expect(resolve({ provinceCode: "32", regencyName: "KAB. BANDUNG", districtName: "CIPARAI" }).quality).toBe("fuzzy");
  });
});

describe("memoized lookups", () => {
  it("keys them by parent: the same name under other parents gives other regions", () => {
    const resolverOfItsOwn = createRegionResolver(REGIONS);
    for (let round = 0; round < 3; round++) {
      for (const [districtName, villageCode] of [
        ["CIPARAY", "32.04.29.2003"],
        ["CIMAUNG", "32.04.17.2006"],
        ["PACET", "32.04.30.2013"],
      ]) {
        const result = resolverOfItsOwn.resolve({ provinceName: "JAWA BARAT", regencyName: "KAB. BANDUNG", districtName, villageName: "MEKARSARI" });
        expect(result.villageCode).toBe(villageCode);
      }
    }
  });

  it("hands out a fresh result every time", () => {
    const first = resolve({ provinceName: "JAWA BARAT", regencyName: "BANDUNG" });
    first.issues.push({ column: "x", reason: "y" });
    expect(resolve({ provinceName: "JAWA BARAT", regencyName: "BANDUNG" }).issues).toHaveLength(1);
  });
});

describe("rows given by codes (the fast path)", () => {
  // A code cell with a space around it skips the fast path (it only takes codes spelled exactly
  // as the table has them), so each input below is also resolved by the general path.
  const general = (input: RegionInput): RegionInput =>
    Object.fromEntries(Object.entries(input).map(([field, value]) => [field, field.endsWith("Code") ? ` ${value} ` : value]));

  it.each<[string, RegionInput]>([
    ["village code, dotted", { villageCode: "32.73.02.1004" }],
    ["village code, plain", { villageCode: "3273021004" }],
    ["every code, plain and dotted mixed", { provinceCode: "32", regencyCode: "3273", districtCode: "32.73.02", villageCode: "3273021004" }],
    ["codes with names above the deepest one", { provinceCode: "32", provinceName: "Jabar", regencyCode: "32.73", regencyName: "x", districtName: "" }],
    ["district code with a village name under it", { districtCode: "32.73.02", villageName: "Dago" }],
    ["regency code with an unknown district name", { regencyCode: "32.73", districtName: "Tidak Ada" }],
    ["village outside its district", { districtCode: "32.04.29", villageCode: "32.73.02.1004" }],
    ["regency code in the province column", { provinceCode: "32.73" }],
    ["unknown village code", { regencyCode: "3273", villageCode: "3273029999" }],
    ["level part only", { provinceCode: "32", regencyCode: "73" }],
    ["placeholder code", { provinceCode: "-", regencyCode: "32.04" }],
  ])("%s: the same answer as the general path", (_, input) => {
    expect(resolve(input)).toEqual(resolve(general(input)));
  });

  it("answers the usual row from its codes alone", () => {
    const input = { provinceCode: "32", regencyCode: "3273", villageCode: "3273021004", villageName: "DAGO", provinceName: "x" };
    expect(codes(input)).toEqual(["32", "32.73", "32.73.02", "32.73.02.1004"]);
    expect(resolve(input)).toMatchObject({ quality: "code", issues: [] });
  });
});
