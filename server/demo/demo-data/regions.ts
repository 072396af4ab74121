import "server-only";
import { idnAreaDataDir } from "@/server/regions/load-regions.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { hashInts, Weighted, type Rng } from "./prng.ts";
import { POSTCODE_PREFIX_BY_REGENCY, POSTCODE_PREFIXES } from "./vocabulary.ts";

/**
 * The Kemendagri regions from `idn-area-data` (ODbL), as a tree to draw business locations
 * from, with the ways partners write region names.
 */

export interface Province {
  code: string;
  name: string;
  /** The name in capitals, as coded files mostly write it. */
  upperName: string;
  regencies: Regency[];
}
export interface Regency {
  code: string;
  /** The code without dots: "3273". */
  plainCode: string;
  name: string;
  upperName: string;
  province: Province;
  districts: District[];
  isCity: boolean;
  /** The name without "Kabupaten"/"Kota"/"Kota Administrasi": "Bandung". */
  baseName: string;
  /** True when another regency of the same province has the same base name (Kab./Kota Bandung). */
  baseNameShared: boolean;
  /** Districts that have villages (all of them, in practice). */
  usableDistricts: District[];
}
export interface District {
  code: string;
  plainCode: string;
  name: string;
  upperName: string;
  regency: Regency;
  villages: Village[];
}
export interface Village {
  code: string;
  plainCode: string;
  name: string;
  upperName: string;
  district: District;
  postcode: string;
}

export interface RegionTree {
  provinces: Province[];
  regencyByCode: Map<string, Regency>;
  /** Draws the regency a business sits in (Java-weighted, the demo officers' cities boosted). */
  regencyChoice: Weighted<Regency>;
}

/**
 * Rough share of employers by province (BPS Sensus Ekonomi / WLKP counts, rounded): Java holds
 * about two thirds. Kota Bandung and Kota Surabaya get fixed extra shares below so the demo
 * officers (32.73, 35.78) and the Jawa Barat supervisor have plenty of leads.
 */
const PROVINCE_WEIGHTS: Readonly<Record<string, number>> = {
  "31": 9, "32": 22, "33": 12, "34": 2, "35": 14, "36": 5, "12": 4, "13": 1.5, "14": 1.5, "16": 1.5,
  "18": 1.5, "51": 2, "73": 2.5, "64": 1.2, "63": 1, "61": 1, "71": 0.8, "11": 0.8, "21": 1, "15": 0.6,
  "17": 0.4, "19": 0.4, "52": 1, "53": 0.8, "62": 0.5, "65": 0.2, "72": 0.5, "74": 0.4, "75": 0.2,
  "76": 0.2, "81": 0.3, "82": 0.2, "91": 0.2, "92": 0.1, "93": 0.1, "94": 0.1, "95": 0.1, "96": 0.1,
};
/** Extra share of all businesses (percent) placed in the demo officers' cities. */
const FOCUS_REGENCY_SHARES: Readonly<Record<string, number>> = { "32.73": 8, "35.78": 6 };
/** A city holds more employers than a rural regency of the same province. */
const CITY_WEIGHT = 2.5;

let cached: RegionTree | null = null;

/** Splits one CSV line with quoted fields ("Lubuk Pakam I,II", "Soka""an"). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) {
          value += line.slice(i);
          i = line.length;
          break;
        }
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      out.push(value);
      i++; // the comma
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

function readRows(file: string): string[][] {
  const text = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  const lines = text.split(/\r?\n/);
  return lines.slice(1).filter((l) => l.length > 0).map(splitCsvLine);
}

function regencyBaseName(name: string): string {
  return name.replace(/^(Kabupaten Administrasi|Kota Administrasi|Kabupaten|Kota)\s+/i, "");
}

export function loadRegionTree(dataDir: string = idnAreaDataDir()): RegionTree {
  if (cached) return cached;
  const provinces: Province[] = readRows(path.join(/*turbopackIgnore: true*/ dataDir, "provinces.csv")).map(([code, name]) => ({
    code: code!,
    name: name!,
    upperName: name!.toUpperCase(),
    regencies: [],
  }));
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const regencyByCode = new Map<string, Regency>();
  for (const [code, provinceCode, name] of readRows(path.join(/*turbopackIgnore: true*/ dataDir, "regencies.csv"))) {
    const province = provinceByCode.get(provinceCode!);
    if (!province) continue;
    const regency: Regency = {
      code: code!,
      plainCode: code!.replaceAll(".", ""),
      name: name!,
      upperName: name!.toUpperCase(),
      province,
      districts: [],
      isCity: Number(code!.slice(3, 5)) >= 71,
      baseName: regencyBaseName(name!),
      baseNameShared: false,
      usableDistricts: [],
    };
    province.regencies.push(regency);
    regencyByCode.set(regency.code, regency);
  }
  for (const province of provinces) {
    const counts = new Map<string, number>();
    for (const r of province.regencies) counts.set(r.baseName.toUpperCase(), (counts.get(r.baseName.toUpperCase()) ?? 0) + 1);
    for (const r of province.regencies) r.baseNameShared = (counts.get(r.baseName.toUpperCase()) ?? 0) > 1;
  }
  const districtByCode = new Map<string, District>();
  for (const [code, regencyCode, name] of readRows(path.join(/*turbopackIgnore: true*/ dataDir, "districts.csv"))) {
    const regency = regencyByCode.get(regencyCode!);
    if (!regency) continue;
    const district: District = { code: code!, plainCode: code!.replaceAll(".", ""), name: name!, upperName: name!.toUpperCase(), regency, villages: [] };
    regency.districts.push(district);
    districtByCode.set(district.code, district);
  }
  for (const [code, districtCode, name] of readRows(path.join(/*turbopackIgnore: true*/ dataDir, "villages.csv"))) {
    const district = districtByCode.get(districtCode!);
    if (!district) continue;
    district.villages.push({ code: code!, plainCode: code!.replaceAll(".", ""), name: name!, upperName: name!.toUpperCase(), district, postcode: "" });
  }
  for (const regency of regencyByCode.values()) {
    assignPostcodes(regency);
    regency.usableDistricts = regency.districts.filter((d) => d.villages.length > 0);
  }

  const entries: [Regency, number][] = [];
  const focusTotal = Object.values(FOCUS_REGENCY_SHARES).reduce((a, b) => a + b, 0);
  const provinceTotal = Object.values(PROVINCE_WEIGHTS).reduce((a, b) => a + b, 0);
  for (const province of provinces) {
    const usable = province.regencies.filter((r) => r.usableDistricts.length > 0);
    const inner = usable.map((r) => (r.isCity ? CITY_WEIGHT : 1));
    const innerTotal = inner.reduce((a, b) => a + b, 0);
    const provinceShare = ((PROVINCE_WEIGHTS[province.code] ?? 0.1) / provinceTotal) * (100 - focusTotal);
    usable.forEach((regency, i) => {
      const share = (provinceShare * (inner[i] ?? 1)) / innerTotal + (FOCUS_REGENCY_SHARES[regency.code] ?? 0);
      entries.push([regency, share]);
    });
  }
  cached = { provinces, regencyByCode, regencyChoice: new Weighted(entries) };
  return cached;
}

/**
 * Postcodes are not in idn-area-data: each village gets a stable, plausible one (the province's
 * postal prefix, then digits by district and village), shared by every source that writes it.
 */
function assignPostcodes(regency: Regency): void {
  const prefixes = POSTCODE_PREFIXES[regency.province.code] ?? [99];
  const h = hashInts(Number(regency.code.replace(".", "")));
  const prefix = POSTCODE_PREFIX_BY_REGENCY[regency.code] ?? (prefixes[h % prefixes.length] as number);
  const hundreds = regency.isCity ? 1 + (h % 3) : 1 + (h % 9);
  regency.districts.forEach((district, d) => {
    district.villages.forEach((village, v) => {
      const tail = (d * 7 + (v % 5)) % 100;
      village.postcode = String(prefix * 1000 + hundreds * 100 + tail).padStart(5, "0");
    });
  });
}

export interface Place {
  province: Province;
  regency: Regency;
  district: District;
  village: Village;
}

export function placeIn(rng: Rng, regency: Regency): Place {
  const district = rng.pick(regency.usableDistricts);
  const village = rng.pick(district.villages);
  return { province: regency.province, regency, district, village };
}

/** A place in another district of the same regency (when there is one). */
export function otherPlaceInRegency(rng: Rng, place: Place): Place {
  const districts = place.regency.usableDistricts.filter((d) => d !== place.district);
  if (districts.length === 0) return placeIn(rng, place.regency);
  const district = rng.pick(districts);
  return { ...place, district, village: rng.pick(district.villages) };
}

// ---------------------------------------------------------------- names as partners write them

function title(text: string): string {
  return text.toLowerCase().replace(/(^|[\s(.-])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function pickWeighted(rng: Rng, options: readonly (readonly [string, number])[]): string {
  let total = 0;
  for (const [, w] of options) total += w;
  let target = rng.float() * total;
  for (const [text, w] of options) {
    target -= w;
    if (target < 0) return text;
  }
  return options[options.length - 1]![0];
}

/** The official name in capitals, as Kemendagri-coded files (Kemnaker, BPJS) mostly carry it. */
export function officialName(region: { name: string; upperName: string }, rng: Rng): string {
  return rng.chance(0.85) ? region.upperName : region.name;
}

/** A province name the way AHU and notaries write it. */
export function provinceVariant(rng: Rng, province: Province): string {
  const upper = province.name.toUpperCase();
  if (province.code === "31") {
    return pickWeighted(rng, [["DKI JAKARTA", 50], ["DAERAH KHUSUS IBUKOTA JAKARTA", 20], ["D.K.I. JAKARTA", 5], ["PROVINSI DKI JAKARTA", 10], ["Dki Jakarta", 5]]);
  }
  if (province.code === "34") {
    return pickWeighted(rng, [["DI YOGYAKARTA", 40], ["D.I. YOGYAKARTA", 15], ["DAERAH ISTIMEWA YOGYAKARTA", 30], ["D.I YOGYAKARTA", 5], ["Daerah Istimewa Yogyakarta", 5]]);
  }
  const options: [string, number][] = [
    [upper, 60],
    [province.name, 12],
    [`PROV. ${upper}`, 8],
    [`PROVINSI ${upper}`, 12],
  ];
  if (upper.startsWith("KEPULAUAN ")) options.push([upper.replace("KEPULAUAN ", "KEP. "), 10]);
  return pickWeighted(rng, options);
}

/** A regency/city name the way AHU writes it: `KAB. BANDUNG`, `Kabupaten Bandung`, `BANDUNG`, `KOTA ADM. JAKARTA SELATAN`. */
export function regencyVariant(rng: Rng, regency: Regency): string {
  const base = regency.baseName.toUpperCase();
  // A bare name is ambiguous when Kab. and Kota share it (Bandung, Bekasi, Malang): partners do
  // write it, but less often, and the district name beside it still tells them apart.
  const bare = regency.baseNameShared ? 4 : 15;
  const name = regency.name;
  if (/^Kota Administrasi /i.test(name)) {
    return pickWeighted(rng, [[`KOTA ADM. ${base}`, 30], [`KOTA ADMINISTRASI ${base}`, 25], [base, 20], [`KOTA ${base}`, 20], [`Kota Adm. ${title(base)}`, 5]]);
  }
  if (/^Kabupaten Administrasi /i.test(name)) {
    return pickWeighted(rng, [[`KAB. ADM. ${base}`, 30], [`KABUPATEN ADMINISTRASI ${base}`, 30], [base, 20], [`KAB. ${base}`, 20]]);
  }
  if (regency.isCity) {
    return pickWeighted(rng, [[`KOTA ${base}`, 70], [base, bare], [`Kota ${title(base)}`, 8], [`KOTAMADYA ${base}`, 2], [`KODYA ${base}`, 1]]);
  }
  return pickWeighted(rng, [[`KAB. ${base}`, 35], [`KABUPATEN ${base}`, 30], [`KAB ${base}`, 8], [base, bare], [`Kab. ${title(base)}`, 5], [`Kabupaten ${title(base)}`, 5]]);
}

export function districtVariant(rng: Rng, district: District): string {
  const upper = district.name.toUpperCase();
  return pickWeighted(rng, [[upper, 70], [`KEC. ${upper}`, 15], [`KECAMATAN ${upper}`, 10], [district.name, 5]]);
}

export function villageVariant(rng: Rng, village: Village): string {
  const upper = village.name.toUpperCase();
  const isKelurahan = village.code.charAt(9) === "1";
  const word = isKelurahan ? "KELURAHAN" : "DESA";
  const short = isKelurahan ? "KEL." : "DS.";
  return pickWeighted(rng, [[upper, 70], [`${short} ${upper}`, 15], [`${word} ${upper}`, 10], [village.name, 5]]);
}

/** Region codes as Kemendagri-coded files give them: dotted or not. */
export function codeVariant(region: { code: string; plainCode: string }, dotted: boolean): string {
  return dotted ? region.code : region.plainCode;
}
