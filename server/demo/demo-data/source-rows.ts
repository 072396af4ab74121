import "server-only";
import type { BusinessScale } from "@/lib/identifiers/business-scale.ts";
import { parseNpwp } from "@/lib/identifiers/npwp.ts";
import { AHU_ENTITAS_KEYS } from "@/server/ingest/sources/ahu-entitas.ts";
import { AHU_NOTARIS_KEYS } from "@/server/ingest/sources/ahu-notaris.ts";
import { AHU_PENGURUS_KEYS } from "@/server/ingest/sources/ahu-pengurus.ts";
import { BPJS_BU_KEYS } from "@/server/ingest/sources/bpjs-bu.ts";
import { BPJS_PESERTA_KEYS } from "@/server/ingest/sources/bpjs-peserta.ts";
import { KEMNAKER_BU_KEYS } from "@/server/ingest/sources/kemnaker-bu.ts";
import { KEMNAKER_TK_KEYS } from "@/server/ingest/sources/kemnaker-tk.ts";
import {
  canonicalName,
  caseVariant,
  firstLetterTypo,
  invalidEmail,
  invalidPhone,
  invalidWorkerCount,
  mangleNpwp,
  npwpDigitTypo,
  pickWeightedText,
  table,
  type Choice,
  type Options,
  typo,
  writeLandline,
  writeWorkerCount,
  writeMobile,
  writeName,
  writeNpwp,
  type NpwpStyle,
} from "./noise.ts";
import { hashInts, pad, Rng, STREAM, Weighted } from "./prng.ts";
import type { DemoRates } from "./rates.ts";
import {
  codeVariant,
  districtVariant,
  officialName,
  provinceVariant,
  regencyVariant,
  villageVariant,
  type Place,
} from "./regions.ts";
import { EMPLOYMENT_STATUS_SPELLINGS, FOREIGN_NAMES, KBLI_TITLES, POSITION_SPELLINGS } from "./vocabulary.ts";
import type { ForeignDocuments, Worker, WorkerListing, WorkerParticipation } from "./workers.ts";
import { makeMobile, makePersonName, type Address, type Business, type DemoWorld, type Notary, type OfficerSlot, type Person } from "./world.ts";

/**
 * One row per source, from a business (or person) of the world: the values as the partner's
 * file holds them, the noise applied (tags for the ground truth), and what a correct pipeline
 * does with the row.
 */

export type Expectation = "accept" | "reject";

export interface SourceRow {
  /** By the pipeline's canonical column keys (server/ingest/sources). */
  cells: Record<string, string>;
  /** Noise applied to this row (ground truth `noise` column). */
  tags: string[];
  expect: Expectation;
}

function choose(rng: Rng, choice: Choice): string {
  return pickWeightedText(rng, choice);
}

function tables<K extends string>(record: Readonly<Record<K, Options>>): Readonly<Record<K, Weighted<string>>> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, table(v as Options)])) as Record<K, Weighted<string>>;
}

const SCALE_SPELLINGS = tables<BusinessScale>({
  MIKRO: [["Mikro", 30], ["MIKRO", 25], ["USAHA MIKRO", 20], ["01", 10], ["UMK-Mikro", 5], ["1", 5], ["Usaha Mikro", 5]],
  KECIL: [["Kecil", 30], ["KECIL", 25], ["USAHA KECIL", 20], ["02", 10], ["UMK-Kecil", 5], ["2", 5], ["Usaha Kecil", 5]],
  MENENGAH: [["Menengah", 30], ["MENENGAH", 25], ["USAHA MENENGAH", 20], ["03", 10], ["3", 5], ["Usaha Menengah", 10]],
  BESAR: [["Besar", 30], ["BESAR", 25], ["USAHA BESAR", 20], ["04", 10], ["UB", 5], ["Usaha Besar", 10]],
});

const NPWP_STYLES = tables<string>({
  "kemnaker-bu": [["plain15", 40], ["dotted15", 30], ["plain16", 30]],
  "ahu-entitas": [["dotted15", 60], ["plain16", 30], ["plain15", 10]],
  "ahu-pengurus": [["plain16", 50], ["dotted15", 50]],
  "bpjs-bu": [["plain15", 45], ["plain16", 45], ["dotted15", 10]],
  "bpjs-peserta": [["plain16", 70], ["plain15", 30]],
});

const REGISTERED = table([["Sudah Terdaftar JKN", 60], ["SUDAH TERDAFTAR", 15], ["Terdaftar", 15], ["Sudah", 10]]);
const NOT_REGISTERED = table([["Belum Terdaftar JKN", 60], ["BELUM TERDAFTAR", 25], ["Belum", 15]]);
const ACTIVE = table([["Aktif", 60], ["AKTIF", 30], ["Y", 10]]);
const INACTIVE = table([["Tidak Aktif", 50], ["TIDAK AKTIF", 20], ["Non Aktif", 15], ["Nonaktif", 15]]);
const SEGMENT_SPELLINGS = tables<string>({
  "PBI JK": [["PBI JK", 85], ["PBI", 15]],
  "PBPU Pemda": [["PBPU Pemda", 85], ["PBPU BP Pemda", 15]],
  "PPU PN": [["PPU PN", 85], ["PPU Penyelenggara Negara", 15]],
  "PPU BU": [["PPU BU", 85], ["PPU Badan Usaha", 15]],
  PBPU: [["PBPU", 80], ["Mandiri", 20]],
  BP: [["BP", 85], ["Bukan Pekerja", 15]],
});

/** An NPWP cell with the NPWP noise of one source: missing, Excel-mangled, mistyped, or fine. */
function npwpCell(
  rng: Rng,
  source: string,
  npwp: string | null,
  isNik: boolean,
  rates: { missing: number; mangled: number; typo: number },
  tags: string[],
): string {
  if (npwp === null) return "";
  if (rng.chance(rates.missing)) {
    tags.push("npwp_missing");
    return "";
  }
  if (rng.chance(rates.mangled)) {
    const { text, kind } = mangleNpwp(rng, npwp);
    tags.push(`npwp_${kind}`);
    return text;
  }
  const style = choose(rng, NPWP_STYLES[source] ?? NPWP_STYLES["kemnaker-bu"]!) as NpwpStyle;
  if (!isNik && rng.chance(rates.typo)) {
    tags.push("npwp_typo");
    return writeNpwp(npwpDigitTypo(rng, npwp), false, style);
  }
  return writeNpwp(npwp, isNik, style);
}

function phoneCell(rng: Rng, national: string | null, areaCode: string | null, invalidRate: number, tags: string[], tag: string): string {
  if (national !== null && rng.chance(invalidRate)) {
    tags.push(tag);
    return invalidPhone(rng, national);
  }
  if (national === null) return "";
  return areaCode !== null && !national.startsWith("08") ? writeLandline(rng, national, areaCode) : writeMobile(rng, national);
}

function emailCell(rng: Rng, email: string | null, invalidRate: number, tags: string[]): string {
  if (email === null) return "";
  if (rng.chance(invalidRate)) {
    tags.push("email_invalid");
    return invalidEmail(rng, email);
  }
  return rng.chance(0.1) ? email.toUpperCase() : email;
}

const RT_RW_STYLE = new Weighted([[0, 35], [1, 25], [2, 15], [3, 5], [4, 10]] as const);
const RT_RW_STYLE_DASH = new Weighted([[0, 35], [1, 25], [2, 15], [3, 25], [4, 10]] as const);

/** "Jl. Sudirman No. 12 RT 003/RW 005" in one of its writings; sometimes over two lines. */
function addressCell(rng: Rng, address: Address, rates: DemoRates, tags: string[], dash = false): string {
  const { rt, rw } = address;
  const style = (dash ? RT_RW_STYLE_DASH : RT_RW_STYLE).pick(rng);
  const rtrw =
    style === 0
      ? `RT ${pad(rt, 3)}/RW ${pad(rw, 3)}`
      : style === 1
        ? `RT.${pad(rt, 2)} RW.${pad(rw, 2)}`
        : style === 2
          ? `Rt ${rt} Rw ${rw}`
          : style === 3
            ? `RT ${pad(rt, 3)} ${dash ? "–" : "-"} RW ${pad(rw, 3)}`
            : "";
  const street = rng.chance(0.7) ? address.street.toUpperCase() : address.street;
  if (rtrw === "") return street;
  if (rng.chance(rates.multilineAddress)) {
    tags.push("multiline_address");
    return `${street}\n${rtrw}`;
  }
  return `${street} ${rtrw}`;
}

function workerCell(rng: Rng, workers: number | null, canMiss: boolean, rate: number, tags: string[]): string {
  if (workers === null) return "";
  if (canMiss && rng.chance(rate)) {
    tags.push("workers_missing");
    return rng.chance(0.5) ? "" : invalidWorkerCount(rng, workers);
  }
  return writeWorkerCount(rng, workers);
}

/**
 * Kemendagri codes (dotted or not, sometimes missing) and official names, into `cells`; now and
 * then (`slips`, at the region-typo rate) a typo in the name of one level.
 */
function setRegionCells(cells: Record<string, string>, rng: Rng, place: Place, dottedShare: number, rates: DemoRates, tags: string[], slips: Rng): void {
  const keys = KEMNAKER_BU_KEYS;
  if (rng.chance(rates.regionCodeMissing)) {
    tags.push("region_code_missing");
    cells[keys.villageCode] = "";
    cells[keys.districtCode] = "";
    cells[keys.regencyCode] = "";
    cells[keys.provinceCode] = "";
  } else {
    const dotted = rng.chance(dottedShare);
    cells[keys.villageCode] = codeVariant(place.village, dotted);
    cells[keys.districtCode] = codeVariant(place.district, dotted);
    cells[keys.regencyCode] = codeVariant(place.regency, dotted);
    cells[keys.provinceCode] = place.province.code;
  }
  cells[keys.villageName] = officialName(place.village, rng);
  cells[keys.districtName] = officialName(place.district, rng);
  cells[keys.regencyName] = officialName(place.regency, rng);
  cells[keys.provinceName] = officialName(place.province, rng);
  if (slips.chance(rates.regionNameTypo)) {
    const level = choose(slips, [["regency", 40], ["district", 35], ["village", 25]]);
    const key = level === "regency" ? keys.regencyName : level === "district" ? keys.districtName : keys.villageName;
    cells[key] = typoInName(slips, cells[key]!);
    tags.push(`region_typo_${level}`);
  }
}

function kbliCell(rng: Rng, kbli: string, share: number, describe: number): string {
  if (!rng.chance(share)) return "";
  const title = KBLI_TITLES[kbli];
  return title && rng.chance(describe) ? `${kbli} - ${title.toUpperCase()}` : kbli;
}

function nameWithTypo(rng: Rng, business: Business, rate: number, tags: string[], slips: Rng | null = null, shortWordRate = 0): string {
  let core = business.nameCore;
  if (rng.chance(rate)) {
    tags.push("name_typo");
    core = typo(rng, core);
  }
  if (slips?.chance(shortWordRate)) {
    const slipped = firstLetterTypo(slips, core);
    if (slipped !== null) {
      tags.push("short_word_typo");
      core = slipped;
    }
  }
  return core;
}

/** Name with the typos of a Kemnaker or BPJS row: the usual ones, a short word's first letter, the legal form. */
function writeRowName(rng: Rng, slips: Rng, b: Business, r: DemoRates, tags: string[]): string {
  const written = writeName(rng, b, nameWithTypo(rng, b, r.nameTypo, tags, slips, r.shortWordTypo), r.legalFormMissing, slips.chance(r.legalFormTypo) ? slips : null);
  if (!written.formWritten && b.legalForm !== "PERORANGAN") tags.push("legal_form_missing");
  if (written.formTypo) tags.push("legal_form_typo");
  return written.text;
}

// ---------------------------------------------------------------- kemnaker-bu

export function kemnakerRow(world: DemoWorld, b: Business, variant = 0): SourceRow {
  const rng = new Rng(world.seed, STREAM.kemnaker, b.index, 1 + variant);
  const r = world.rates;
  const K = KEMNAKER_BU_KEYS;
  const tags: string[] = [];
  const slips = new Rng(world.seed, STREAM.slips, STREAM.kemnaker, b.index, 1 + variant);
  const name = writeRowName(rng, slips, b, r, tags);
  const cells: Record<string, string> = {
    [K.nib]: b.nib !== null && rng.chance(0.93) ? b.nib : "",
    [K.npwp]: npwpCell(rng, "kemnaker-bu", b.npwp, b.npwpIsNik, { missing: r.npwpMissing, mangled: r.npwpMangled, typo: r.npwpTypo }, tags),
    [K.kodeBadanUsaha]: b.kodeBadanUsahaKemnaker,
    [K.kodeWlkp]: b.kodeWlkp,
    [K.name]: name,
    [K.contactName]: caseVariant(rng, b.contactName),
    [K.contactPhone]: phoneCell(rng, b.adminMobile, null, r.phoneInvalid / 2, tags, "contact_phone_invalid"),
    [K.address]: addressCell(rng, b.address, r, tags),
  };
  setRegionCells(cells, rng, b.place, 0.3, r, tags, slips);
  cells[K.postcode] = rng.chance(0.95) ? b.place.village.postcode : "";
  cells[K.phone] = phoneCell(rng, b.officePhone, b.areaCode, r.phoneInvalid, tags, "phone_invalid");
  cells[K.email] = emailCell(rng, b.email, r.emailInvalid, tags);
  // A partly registered business keeps its count: the gap must stay visible.
  cells[K.workerCount] = workerCell(rng, b.workers, b.status !== "DAFTAR_SEBAGIAN", r.workerCountMissing, tags);
  cells[K.businessScale] = rng.chance(0.95) ? choose(rng, SCALE_SPELLINGS[b.scale]) : "";
  cells[K.kbli] = kbliCell(rng, b.kbli, 0.85, 0.1);
  return { cells, tags, expect: "accept" };
}

// ---------------------------------------------------------------- ahu-entitas

const ENTITY_TYPES = tables<string>({
  PT: [["PT", 50], ["Perseroan Terbatas", 30], ["PERSEROAN TERBATAS", 15], ["Perseroan", 5]],
  CV: [["CV", 50], ["Persekutuan Komanditer", 40], ["PERSEKUTUAN KOMANDITER", 10]],
  FIRMA: [["Firma", 60], ["FIRMA", 30], ["Persekutuan Firma", 10]],
  PERSEKUTUAN_PERDATA: [["Persekutuan Perdata", 80], ["PERSEKUTUAN PERDATA", 20]],
});

export function ahuEntityRow(world: DemoWorld, b: Business): SourceRow {
  const rng = new Rng(world.seed, STREAM.ahu, b.index, 1);
  const r = world.rates;
  const K = AHU_ENTITAS_KEYS;
  const tags: string[] = [];
  // AHU's registry is typed by notaries from the deed: cleaner than the others.
  const core = nameWithTypo(rng, b, r.nameTypo / 2, tags);
  const name = rng.chance(0.6) ? `${core}${b.persero ? " (PERSERO)" : ""}${b.tbk ? " TBK" : ""}` : canonicalName({ legalForm: b.legalForm, tbk: b.tbk, persero: b.persero, nameCore: core, coopShort: null, branchLabel: null });
  const regionTypo = rng.chance(r.regionNameTypo);
  const typoLevel = regionTypo ? choose(rng, [["regency", 40], ["district", 35], ["village", 25]]) : "";
  if (regionTypo) tags.push(`region_typo_${typoLevel}`);
  const place = b.place;
  const regency = regencyVariant(rng, place.regency);
  const district = districtVariant(rng, place.district);
  const village = villageVariant(rng, place.village);
  const cells: Record<string, string> = {
    [K.name]: name,
    [K.legalForm]: b.tbk && rng.chance(0.5) ? "PT Tbk" : choose(rng, ENTITY_TYPES[b.legalForm] ?? [["PT", 1]]),
    [K.npwp]: npwpCell(rng, "ahu-entitas", b.npwp, b.npwpIsNik, { missing: r.npwpMissing / 10, mangled: r.npwpMangled, typo: r.npwpTypo / 2 }, tags),
    [K.provinceName]: provinceVariant(rng, place.province),
    [K.regencyName]: typoLevel === "regency" ? typoInName(rng, regency) : regency,
    [K.districtName]: typoLevel === "district" ? typoInName(rng, district) : district,
    [K.villageName]: typoLevel === "village" ? typoInName(rng, village) : village,
    [K.address]: addressCell(rng, b.address, r, tags),
    [K.phone]: phoneCell(rng, b.officePhone ?? b.adminMobile, b.officePhone ? b.areaCode : null, r.phoneInvalid, tags, "phone_invalid"),
    [K.businessType]: kbliCell(rng, b.kbli, 0.92, 0.3),
  };
  return { cells, tags, expect: "accept" };
}

/** A typo in the name part of a region name, not in its "KAB."/"KOTA" prefix. */
function typoInName(rng: Rng, text: string): string {
  const match = /^((?:KAB(?:UPATEN)?\.?|KOTA(?:MADYA)?|KODYA|KOTA ADM(?:INISTRASI)?\.?|KEC(?:AMATAN)?\.?|KEL(?:URAHAN)?\.?|DESA|DS\.)\s+)?(.*)$/i.exec(text);
  const prefix = match?.[1] ?? "";
  const rest = match?.[2] ?? text;
  return rest.length >= 4 ? `${prefix}${typo(rng, rest)}` : text;
}

// ---------------------------------------------------------------- ahu-pengurus

const POSITION_TABLES = tables<string>(POSITION_SPELLINGS);

export function officerRow(world: DemoWorld, b: Business, slot: OfficerSlot, slotIndex: number): SourceRow {
  const rng = new Rng(world.seed, STREAM.officers, b.index, 100 + slotIndex);
  const r = world.rates;
  const K = AHU_PENGURUS_KEYS;
  const tags: string[] = [];
  const person = slot.person;
  const npwp = npwpCell(rng, "ahu-pengurus", b.npwp, false, { missing: 0.003, mangled: 0.003, typo: 0 }, tags);
  const cells: Record<string, string> = {
    [K.npwp]: npwp,
    [K.entityName]: rng.chance(0.85) ? canonicalName(b) : "",
    [K.name]: caseVariant(rng, person.displayName),
    [K.position]: choose(rng, POSITION_TABLES[slot.position] ?? [[slot.position, 1]]),
    [K.email]: emailCell(rng, person.email, r.emailInvalid, tags),
    [K.phone]: phoneCell(rng, person.mobile, null, r.phoneInvalid, tags, "phone_invalid"),
    [K.nik]: nikCell(rng, person.nik, 0.85, tags),
  };
  // Without a readable entity NPWP an officer cannot be tied to the entity: the pipeline rejects it.
  return { cells, tags, expect: parseNpwp(npwp).kind === "ok" ? "accept" : "reject" };
}

function nikCell(rng: Rng, nik: string, share: number, tags: string[]): string {
  if (!rng.chance(share)) return "";
  if (rng.chance(0.003)) {
    tags.push("nik_excel");
    return Number(nik).toExponential(5).replace("e+", "E+");
  }
  return rng.chance(0.05) ? `'${nik}` : nik;
}

// ---------------------------------------------------------------- ahu-notaris

export function notaryRow(world: DemoWorld, n: Notary): SourceRow {
  const rng = new Rng(world.seed, STREAM.notary, hashInts(Number(n.nik.slice(0, 8)), Number(n.nik.slice(8))), 1);
  const r = world.rates;
  const K = AHU_NOTARIS_KEYS;
  const tags: string[] = [];
  const regionTypo = rng.chance(r.regionNameTypo);
  if (regionTypo) tags.push("region_typo_regency");
  const regency = regencyVariant(rng, n.place.regency);
  const cells: Record<string, string> = {
    [K.nik]: rng.chance(0.05) ? `'${n.nik}` : n.nik,
    [K.name]: caseVariant(rng, n.displayName),
    [K.npwp]: npwpCell(rng, "ahu-notaris", n.npwp, n.npwpIsNik, { missing: r.npwpMissing / 2, mangled: r.npwpMangled, typo: r.npwpTypo }, tags),
    [K.provinceName]: provinceVariant(rng, n.place.province),
    [K.regencyName]: regionTypo ? typoInName(rng, regency) : regency,
    [K.address]: addressCell(rng, n.address, r, tags),
    [K.phone]: phoneCell(rng, n.officePhone ?? n.mobile, n.officePhone ? n.areaCode : null, r.phoneInvalid, tags, "phone_invalid"),
    [K.email]: emailCell(rng, n.email, r.emailInvalid, tags),
  };
  return { cells, tags, expect: "accept" };
}

// ---------------------------------------------------------------- bpjs-bu

export function bpjsRow(world: DemoWorld, b: Business, variant = 0): SourceRow {
  const rng = new Rng(world.seed, STREAM.bpjs, b.index, 1 + variant);
  const r = world.rates;
  const K = BPJS_BU_KEYS;
  const tags: string[] = [];
  const slips = new Rng(world.seed, STREAM.slips, STREAM.bpjs, b.index, 1 + variant);
  const name = writeRowName(rng, slips, b, r, tags);
  // BPJS's registry was filled in at registration, by another clerk: contacts drift.
  const sameContact = rng.chance(0.6);
  const contact = sameContact ? b.contactName : makePersonName(rng, rng.chance(0.5)).display;
  const mobile = rng.chance(0.8) ? b.adminMobile : rng.chance(0.8) ? makeMobile(rng) : null;
  const phone = rng.chance(0.85) ? b.officePhone : null;
  const email = rng.chance(0.85) ? b.email : null;
  const registered = b.bpjsRegistered;
  // Lampiran II.1's Jumlah Pekerja counts the workers registered in JKN: none for a listed
  // prospect. A partly registered business keeps its count: the gap must stay visible.
  const workers = registered
    ? workerCell(rng, b.registeredWorkers, b.status !== "DAFTAR_SEBAGIAN", r.workerCountMissing, tags)
    : rng.chance(0.5) ? "0" : "";
  const cells: Record<string, string> = {
    [K.nib]: b.nib !== null && rng.chance(0.85) ? b.nib : "",
    [K.npwp]: npwpCell(rng, "bpjs-bu", b.npwp, b.npwpIsNik, { missing: r.npwpMissing * 0.8, mangled: r.npwpMangled, typo: r.npwpTypo }, tags),
    [K.kodeBadanUsaha]: b.kodeBadanUsahaBpjs,
    [K.name]: name,
    [K.contactName]: caseVariant(rng, contact),
    [K.contactPhone]: phoneCell(rng, mobile, null, r.phoneInvalid / 2, tags, "contact_phone_invalid"),
    [K.address]: addressCell(rng, b.address, r, tags, true),
  };
  setRegionCells(cells, rng, b.place, 0.7, r, tags, slips);
  cells[K.postcode] = rng.chance(0.9) ? b.place.village.postcode : "";
  cells[K.phone] = phoneCell(rng, phone, b.areaCode, r.phoneInvalid, tags, "phone_invalid");
  cells[K.email] = emailCell(rng, email, r.emailInvalid, tags);
  cells[K.workerCount] = workers;
  cells[K.businessScale] = rng.chance(0.9) ? choose(rng, SCALE_SPELLINGS[b.scale]) : "";
  cells[K.registered] = choose(rng, registered ? REGISTERED : NOT_REGISTERED);
  cells[K.active] = registered ? choose(rng, b.bpjsActive ? ACTIVE : INACTIVE) : rng.chance(0.5) ? "-" : "";
  cells[K.kbli] = kbliCell(rng, b.kbli, 0.6, 0);
  return { cells, tags, expect: "accept" };
}

// ---------------------------------------------------------------- bpjs-peserta

export interface Participation {
  registered: boolean;
  active: boolean;
  segment: string;
  year: number | null;
}

export function participantRow(
  world: DemoWorld,
  person: Pick<Person, "nik" | "displayName">,
  p: Participation,
  employer: Business | null,
): SourceRow {
  const rng = new Rng(world.seed, STREAM.peserta, hashInts(Number(person.nik.slice(0, 8)), Number(person.nik.slice(8))), 1);
  const K = BPJS_PESERTA_KEYS;
  const tags: string[] = [];
  const ppuBu = p.segment === "PPU BU" && employer !== null && employer.bpjsRegistered;
  const cells: Record<string, string> = {
    [K.nik]: person.nik,
    [K.passportNumber]: "",
    [K.niora]: "",
    [K.kitas]: "",
    [K.segment]: p.registered ? choose(rng, SEGMENT_SPELLINGS[p.segment] ?? [[p.segment, 1]]) : "",
    [K.registered]: choose(rng, p.registered ? REGISTERED : NOT_REGISTERED),
    [K.active]: p.registered ? choose(rng, p.active ? ACTIVE : INACTIVE) : "",
    [K.membershipYear]: p.year === null ? "" : rng.chance(0.1) ? `${p.year}-${pad(rng.int(1, 12), 2)}-01` : String(p.year),
    [K.name]: rng.chance(0.9) ? caseVariant(rng, person.displayName) : "",
    [K.npwp]: ppuBu && employer.npwp !== null ? npwpCell(rng, "bpjs-peserta", employer.npwp, employer.npwpIsNik, { missing: 0.1, mangled: 0, typo: 0 }, tags) : "",
    [K.kodeBadanUsaha]: ppuBu ? employer.kodeBadanUsahaBpjs : "",
  };
  return { cells, tags, expect: "accept" };
}

/** A foreign worker: passport, KITAS and sometimes NIORA instead of a NIK (accepted on those). */
export function foreignParticipantRow(world: DemoWorld, employer: Business): { row: SourceRow; id: string } {
  const rng = new Rng(world.seed, STREAM.peserta, employer.index, 7);
  const K = BPJS_PESERTA_KEYS;
  const cells: Record<string, string> = {
    [K.nik]: "",
    [K.passportNumber]: `${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(7)}`,
    [K.niora]: rng.chance(0.4) ? `${rng.int(1, 9)}${rng.digits(15)}` : "",
    [K.kitas]: `2C${rng.int(11, 21)}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(4)}`,
    [K.segment]: choose(rng, SEGMENT_SPELLINGS["PPU BU"]!),
    [K.registered]: choose(rng, REGISTERED),
    [K.active]: choose(rng, ACTIVE),
    [K.membershipYear]: String(world.periodYear - rng.int(0, 5)),
    [K.name]: rng.pick(FOREIGN_NAMES),
    [K.npwp]: employer.npwp !== null ? writeNpwp(employer.npwp, employer.npwpIsNik, "plain16") : "",
    [K.kodeBadanUsaha]: employer.kodeBadanUsahaBpjs,
  };
  return { row: { cells, tags: ["foreign"], expect: "accept" }, id: `WNA${pad(employer.index + 1, 7)}` };
}

/**
 * A worker's bpjs-peserta row (`p` null: absent from JKN yet listed as "Belum terdaftar").
 * A PPU BU row names its employer by Kode Badan Usaha, NPWP Badan Usaha or both (only the code
 * for an employer other than the listing one); a foreigner is named by passport and KITAS.
 */
export function workerParticipantRow(
  world: DemoWorld,
  person: { nik: string | null; displayName: string; foreign: ForeignDocuments | null },
  p: WorkerParticipation | null,
  key: readonly number[],
): SourceRow {
  const rng = new Rng(world.seed, STREAM.peserta, ...key);
  const K = BPJS_PESERTA_KEYS;
  const tags: string[] = person.foreign ? ["foreign"] : [];
  let npwp = "";
  let code = "";
  const employer = p?.employer ?? null;
  if (employer) {
    const roll = rng.float();
    const byNpwp = employer.npwp !== null && roll < 0.7;
    code = byNpwp && roll < 0.15 ? "" : employer.kodeBadanUsaha;
    if (byNpwp) npwp = npwpCell(rng, "bpjs-peserta", employer.npwp, employer.npwpIsNik, { missing: 0, mangled: 0, typo: 0 }, tags);
  }
  const year = p?.year ?? null;
  const cells: Record<string, string> = {
    [K.nik]: person.nik ?? "",
    [K.passportNumber]: person.foreign?.passport ?? "",
    [K.niora]: person.foreign?.niora ?? "",
    [K.kitas]: person.foreign?.kitas ?? "",
    [K.segment]: p ? choose(rng, SEGMENT_SPELLINGS[p.segment] ?? [[p.segment, 1]]) : "",
    [K.registered]: choose(rng, p ? REGISTERED : NOT_REGISTERED),
    [K.active]: p ? choose(rng, p.active ? ACTIVE : INACTIVE) : "",
    [K.membershipYear]: year === null ? "" : rng.chance(0.1) ? `${year}-${pad(rng.int(1, 12), 2)}-01` : String(year),
    [K.name]: rng.chance(0.9) ? caseVariant(rng, person.displayName) : "",
    [K.npwp]: npwp,
    [K.kodeBadanUsaha]: code,
  };
  return { cells, tags, expect: "accept" };
}

// ---------------------------------------------------------------- kemnaker-tk

const GENDER = { L: table([["L", 50], ["Laki-laki", 30], ["LAKI-LAKI", 15], ["Pria", 5]]), P: table([["P", 50], ["Perempuan", 30], ["PEREMPUAN", 15], ["Wanita", 5]]) };
const CITIZENSHIP = { WNI: table([["WNI", 90], ["wni", 5], ["Indonesia", 5]]), WNA: table([["WNA", 90], ["wna", 5], ["Asing", 5]]) };
const EMPLOYMENT_TABLES = tables<string>(EMPLOYMENT_STATUS_SPELLINGS);

/** `yyyy-mm-dd` as WLKP exports write dates: ISO, or day first with slashes or dashes. */
function dateCell(rng: Rng, iso: string): string {
  const roll = rng.float();
  if (roll < 0.5) return iso;
  const [y, m, d] = iso.split("-");
  return roll < 0.85 ? `${d}/${m}/${y}` : `${d}-${m}-${y}`;
}

/** A passport or KITAS number as typed: now and then in lower case or with a space. */
function documentCell(rng: Rng, value: string): string {
  const roll = rng.float();
  return roll < 0.05 ? value.toLowerCase() : roll < 0.1 ? `${value.slice(0, 4)} ${value.slice(4)}` : value;
}

/**
 * One listed worker's kemnaker-tk row. The employer is named by Kode WLKP (with its NPWP and NIB
 * now and then), or, for the businesses whose rows carry only one of those, by that one alone.
 */
export function kemnakerWorkerRow(world: DemoWorld, listing: WorkerListing, worker: Worker): SourceRow {
  const rng = new Rng(world.seed, STREAM.workers, listing.business.index, 1 + worker.serial, 1);
  const K = KEMNAKER_TK_KEYS;
  const b = listing.business;
  const tags: string[] = worker.foreign ? ["foreign"] : [];
  const key = listing.employerKey;
  const withNpwp = key === "npwp" || (key === "wlkp" && rng.chance(0.6));
  const withNib = key === "nib" || (key === "wlkp" && rng.chance(0.4));
  let nik = "";
  if (worker.nik !== null) nik = rng.chance(0.03) ? `'${worker.nik}` : worker.nik;
  let passport = "";
  let kitas = "";
  if (worker.foreign) {
    // At least one of the two, so BPJS's row (which has both) can be found.
    const roll = rng.float();
    passport = roll < 0.85 ? documentCell(rng, worker.foreign.passport) : "";
    kitas = roll >= 0.6 || passport === "" ? documentCell(rng, worker.foreign.kitas) : "";
  }
  const name = rng.chance(0.02) ? typo(rng, worker.displayName.toUpperCase()) : caseVariant(rng, worker.displayName);
  const cells: Record<string, string> = {
    [K.nik]: nik,
    [K.name]: name,
    [K.gender]: choose(rng, GENDER[worker.female ? "P" : "L"]),
    [K.birthDate]: rng.chance(0.97) ? dateCell(rng, worker.birthDate) : "",
    [K.citizenship]: choose(rng, CITIZENSHIP[worker.foreign ? "WNA" : "WNI"]),
    [K.passportNumber]: passport,
    [K.kitas]: kitas,
    [K.kodeWlkp]: key === "wlkp" ? b.kodeWlkp : "",
    [K.npwp]: withNpwp && b.npwp !== null ? writeNpwp(b.npwp, b.npwpIsNik, choose(rng, NPWP_STYLES["kemnaker-bu"]!) as NpwpStyle) : "",
    [K.nib]: withNib && b.nib !== null ? b.nib : "",
    [K.position]: rng.chance(0.9) ? (rng.chance(0.3) ? worker.position.toUpperCase() : worker.position) : "",
    [K.employmentStatus]: rng.chance(0.95) ? choose(rng, EMPLOYMENT_TABLES[worker.employment]!) : "",
    [K.startDate]: rng.chance(0.9) ? dateCell(rng, worker.startDate) : "",
  };
  return { cells, tags, expect: "accept" };
}
