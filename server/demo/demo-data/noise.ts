import "server-only";
import { KEY_NEIGHBORS } from "@/lib/names/keyboard.ts";
import { Weighted, type Rng } from "./prng.ts";

/**
 * The ways partner data goes wrong, each a small pure function of a seeded generator, so a rate
 * in `rates.ts` decides how often and these decide how.
 */

// ---------------------------------------------------------------- noise kinds

/**
 * What can make one true business hard to find, as the ground truth's `noise_kinds` names it:
 * noise in its rows (any of its Kemnaker, AHU or BPJS rows), or what the world made of it (a
 * branch office, a member of a crowd, a name another business carries). The evaluation reports
 * matching quality per kind.
 */
export const NOISE_KINDS = [
  "legal_form_typo",
  "short_word_typo",
  "name_typo",
  "legal_form_missing",
  "region_typo",
  "npwp_missing",
  "branch_office",
  "crowded_regency",
  "shared_name",
] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** Row tags that make a noise kind; region typos are tagged by level (`region_typo_district`). */
const KIND_OF_TAG: ReadonlyMap<string, NoiseKind> = new Map([
  ["legal_form_typo", "legal_form_typo"],
  ["short_word_typo", "short_word_typo"],
  ["name_typo", "name_typo"],
  ["legal_form_missing", "legal_form_missing"],
  ["region_typo_regency", "region_typo"],
  ["region_typo_district", "region_typo"],
  ["region_typo_village", "region_typo"],
  ["npwp_missing", "npwp_missing"],
]);

/** The noise kinds of a business from its rows' tags and its place in the world, in `NOISE_KINDS` order. */
export function noiseKinds(tags: readonly string[], world: { branch: boolean; crowded: boolean; sharedName: boolean }): NoiseKind[] {
  const kinds = new Set<NoiseKind>();
  for (const tag of tags) {
    const kind = KIND_OF_TAG.get(tag);
    if (kind) kinds.add(kind);
  }
  if (world.branch) kinds.add("branch_office");
  if (world.crowded) kinds.add("crowded_regency");
  if (world.sharedName) kinds.add("shared_name");
  return NOISE_KINDS.filter((k) => kinds.has(k));
}

// ---------------------------------------------------------------- typos


/** Spellings Indonesians really alternate between, old (Ejaan Soewandi) and new, or just common. */
const SPELLING_VARIANTS: readonly (readonly [string, string])[] = [
  ["REJEKI", "REZEKI"], ["REJEKI", "REJEKY"], ["ANUGERAH", "ANUGRAH"], ["SEJAHTERA", "SEJAHTRA"],
  ["SENTOSA", "SENTAUSA"], ["JAYA", "DJAJA"], ["SUMBER", "SOEMBER"], ["MAKMUR", "MAKMOER"],
  ["PUTRA", "PUTERA"], ["KARYA", "KARIA"], ["CAHAYA", "CAHYA"], ["MULIA", "MULYA"], ["UTAMA", "UTOMO"],
  ["SURYA", "SOERJA"], ["BERKAH", "BERKAT"], ["ABADI", "ABADY"], ["RAHAYU", "RAHAJOE"], ["PRATAMA", "PERTAMA"],
];

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "A" && ch <= "Z";
}

function letterPositions(text: string): number[] {
  const out: number[] = [];
  // The first letter is rarely the one mistyped; leave it.
  for (let i = 1; i < text.length; i++) if (isLetter(text[i]?.toUpperCase())) out.push(i);
  return out;
}

function oneEdit(rng: Rng, text: string): string {
  const kind = rng.float();
  if (kind < 0.12) {
    const upper = text.toUpperCase();
    const options = SPELLING_VARIANTS.filter(([a]) => new RegExp(`\\b${a}\\b`).test(upper));
    if (options.length > 0) {
      const [from, to] = rng.pick(options);
      return upper.replace(new RegExp(`\\b${from}\\b`), to);
    }
  }
  const positions = letterPositions(text);
  if (positions.length < 2) return text + text.slice(-1);
  const at = rng.pick(positions);
  const ch = text[at]!;
  if (kind < 0.45) {
    const neighbors = KEY_NEIGHBORS[ch.toUpperCase()] ?? "E";
    let replacement = neighbors[Math.floor(rng.float() * neighbors.length)]!;
    if (ch !== ch.toUpperCase()) replacement = replacement.toLowerCase();
    return text.slice(0, at) + replacement + text.slice(at + 1);
  }
  if (kind < 0.68) return text.slice(0, at) + text.slice(at + 1); // dropped letter
  if (kind < 0.84) return text.slice(0, at) + ch + text.slice(at); // doubled letter
  // Swapped with the next letter.
  const next = text[at + 1];
  if (!isLetter(next?.toUpperCase()) || next === ch) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + next + ch + text.slice(at + 2);
}

/** One or two character edits (slip, drop, double, swap, or an old spelling): never the same text. */
export function typo(rng: Rng, text: string): string {
  const edits = rng.chance(0.75) ? 1 : 2;
  let out = text;
  for (let attempt = 0; attempt < 6; attempt++) {
    out = text;
    for (let e = 0; e < edits; e++) out = oneEdit(rng, out);
    if (out !== text && out.trim().length > 0) return out;
  }
  return `${text}${text.slice(-1)}`;
}

/**
 * The first letter of one short word (three to five letters) dropped or hit next door: MAJU
 * becomes AJU or NAJU. The typo `typo` avoids, and the one that hurts most: a short word has
 * no letters to spare. Null when the name has no such word.
 */
export function firstLetterTypo(rng: Rng, core: string): string | null {
  const words = core.split(" ");
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 3 && w.length <= 5 && /^[A-Z]+$/.test(w));
  if (candidates.length === 0) return null;
  const [word, at] = rng.pick(candidates);
  const neighbors = KEY_NEIGHBORS[word[0]!]!;
  words[at] = word.length >= 4 && rng.chance(0.5) ? word.slice(1) : `${neighbors[rng.int(0, neighbors.length - 1)]}${word.slice(1)}`;
  return words.join(" ");
}

// ---------------------------------------------------------------- legal forms

export type LegalForm = "PT" | "CV" | "FIRMA" | "PERSEKUTUAN_PERDATA" | "UD" | "KOPERASI" | "YAYASAN" | "PERUMDA" | "PERORANGAN";

/** The forms Ditjen AHU registers (ahu-entitas). */
export const AHU_FORMS: ReadonlySet<LegalForm> = new Set(["PT", "CV", "FIRMA", "PERSEKUTUAN_PERDATA"]);

export type Options = readonly (readonly [string, number])[];
/** A weighted choice of texts: a prepared table (module constants) or a list built on the spot. */
export type Choice = Weighted<string> | Options;

/** A prepared table for a constant list of options. */
export function table(options: Options): Weighted<string> {
  return new Weighted(options);
}

function weighted(rng: Rng, choice: Choice): string {
  if (choice instanceof Weighted) return choice.pick(rng);
  const options = choice;
  let total = 0;
  for (const [, w] of options) total += w;
  let target = rng.float() * total;
  for (const [text, w] of options) {
    target -= w;
    if (target < 0) return text;
  }
  return options[options.length - 1]![0];
}

const PREFIX: Readonly<Record<LegalForm, Choice>> = {
  PT: table([["PT", 30], ["PT.", 35], ["P.T.", 6], ["P.T", 2], ["PT .", 1], ["PERSEROAN TERBATAS", 3]]),
  CV: table([["CV", 40], ["CV.", 40], ["C.V.", 8], ["C.V", 2], ["PERSEKUTUAN KOMANDITER", 3]]),
  FIRMA: table([["FIRMA", 30], ["FA", 20], ["FA.", 25], ["Fa.", 10], ["FIRMA.", 2]]),
  PERSEKUTUAN_PERDATA: table([["PERSEKUTUAN PERDATA", 90], ["PERSEKUTUAN PERDATA.", 5]]),
  UD: table([["UD", 45], ["UD.", 40], ["U.D.", 8], ["USAHA DAGANG", 5]]),
  KOPERASI: table([["KOPERASI", 80], ["KOP.", 12], ["KOP", 3]]),
  YAYASAN: table([["YAYASAN", 85], ["YAY.", 8], ["YYS.", 4], ["YYS", 3]]),
  PERUMDA: table([["PERUMDA", 60], ["PERUSAHAAN UMUM DAERAH", 30], ["PERUMDA.", 10]]),
  PERORANGAN: table([["", 1]]),
};

const SUFFIX: Readonly<Partial<Record<LegalForm, Choice>>> = {
  PT: table([[", PT", 8], [" PT", 3], [", PT.", 4], [" (PT)", 1], [",PT", 2]]),
  CV: table([[", CV", 8], [", CV.", 5], [" CV", 3], [",CV.", 1]]),
  FIRMA: table([[", FA", 5], [", FIRMA", 3], [" FA.", 2]]),
  PERSEKUTUAN_PERDATA: table([[", PERSEKUTUAN PERDATA", 1]]),
  UD: table([[", UD", 5], [" UD.", 2]]),
};

/** Share of names written with the form after the name ("SINAR JAYA, PT") when the form has such spellings. */
const SUFFIX_SHARE = 0.2;

const TBK = table([[" TBK", 40], [" Tbk", 25], [", Tbk.", 15], [" Tbk.", 15], [", TBK", 5]]);
const PERSERO = table([[" (PERSERO)", 70], [" (Persero)", 25], [" PERSERO", 5]]);

export interface NamedBusiness {
  legalForm: LegalForm;
  tbk: boolean;
  persero: boolean;
  /** Capitals, without the legal form. */
  nameCore: string;
  /** KSP/KSU/KUD/KPRI for cooperatives that have one. */
  coopShort: string | null;
  /** " CABANG SURABAYA" for a branch that says so. */
  branchLabel: string | null;
}

/** The name in its plain, canonical writing: `PT SINAR JAYA ABADI`, `PT BANK X (PERSERO) TBK`. */
export function canonicalName(b: NamedBusiness): string {
  const form = b.legalForm === "PERORANGAN" ? "" : b.legalForm === "PERSEKUTUAN_PERDATA" ? "PERSEKUTUAN PERDATA" : b.legalForm;
  let name = form ? `${form} ${b.nameCore}` : b.nameCore;
  if (b.persero) name += " (PERSERO)";
  if (b.tbk) name += " TBK";
  return name;
}

export interface WrittenName {
  text: string;
  formWritten: boolean;
  /** The legal form (or its Tbk mark) was mistyped. */
  formTypo: boolean;
}

// ---------------------------------------------------------------- legal-form typos

/** The forms (all registered at AHU) whose spellings `mistypeForm` knows how to get wrong. */
const MISTYPED_FORMS: ReadonlySet<LegalForm> = new Set(["PT", "CV", "FIRMA", "PERSEKUTUAN_PERDATA"]);
const SPELLED_OUT: Readonly<Partial<Record<LegalForm, string>>> = {
  PT: "PERSEROAN TERBATAS",
  CV: "PERSEKUTUAN KOMANDITER",
  FIRMA: "FIRMA",
  PERSEKUTUAN_PERDATA: "PERSEKUTUAN PERDATA",
};
/** A vowel read back as another, accented one (a file saved in one code page, read in another). */
const ACCENT_SLIP: Readonly<Record<string, string>> = { A: "É", E: "Á", I: "É", O: "Ú", U: "É" };
const TBK_TYPOS = table([[" TBBK", 35], [" T BK", 30], [" TBKK", 20], [" TTBK", 15]]);

/**
 * One slip inside a spelled-out form: a letter dropped, two swapped, one hit next door, or a
 * vowel accented; never the first letter. A word of six letters or fewer (FIRMA) loses or
 * accents only its last letter, or swaps two: the slips such a word shows in partner files.
 */
export function misspellForm(rng: Rng, spelled: string, accent: boolean): string {
  const words = spelled.split(" ");
  const at = rng.int(0, words.length - 1);
  const word = words[at]!;
  const short = word.length <= 6;
  if (accent) {
    const vowels = [...word].map((ch, i) => [ch, i] as const).filter(([ch, i]) => i > 0 && ACCENT_SLIP[ch] && (!short || i === word.length - 1));
    if (vowels.length > 0) {
      const [ch, i] = rng.pick(vowels);
      words[at] = word.slice(0, i) + ACCENT_SLIP[ch]! + word.slice(i + 1);
      return words.join(" ");
    }
  }
  const roll = rng.float();
  if (short) {
    const i = rng.int(1, word.length - 2);
    words[at] = roll < 0.5 ? word.slice(0, -1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    return words.join(" ");
  }
  const i = rng.int(1, word.length - 2);
  if (roll < 0.4) words[at] = word.slice(0, i) + word.slice(i + 1);
  else if (roll < 0.7) words[at] = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  else {
    const neighbors = KEY_NEIGHBORS[word[i]!]!;
    words[at] = word.slice(0, i) + neighbors[rng.int(0, neighbors.length - 1)] + word.slice(i + 1);
  }
  return words.join(" ");
}

/**
 * A legal form as a hurried clerk types it before the name: PT/CV doubled (PTT, CCV) or glued to
 * the name (PTBERSAMA MEDIKA), the spelled-out form misspelt or accented (PERSEOAN TERBATAS,
 * PERSEKUTUÉN PERDATA, FIRMÉ). Returns the text before the name and whether a space follows.
 */
export function mistypeForm(rng: Rng, form: LegalForm): { prefix: string; glued: boolean } {
  const spelled = SPELLED_OUT[form]!;
  const roll = rng.float();
  if (form === "PT" || form === "CV") {
    if (roll < 0.3) return { prefix: rng.pick(form === "PT" ? ["PTT", "PPT"] : ["CVV", "CCV"]), glued: false };
    if (roll < 0.55) return { prefix: form, glued: true };
  }
  return { prefix: misspellForm(rng, spelled, rng.chance(0.3)), glued: false };
}

/**
 * A business name as one partner writes it: the legal form in one of its spellings, before or
 * after the name (or missing, at `formMissingRate`), Tbk/(Persero) marks, capitals or title
 * case, sometimes a doubled space. `core` is the name part, typos already applied. With
 * `formTypo` (a generator of its own, so rows without the slip are written as before), a written
 * PT, CV, Firma or Persekutuan Perdata is mistyped (`mistypeForm`), or the Tbk mark of a listed PT.
 */
export function writeName(rng: Rng, b: NamedBusiness, core: string, formMissingRate: number, formTypo: Rng | null = null): WrittenName {
  let text: string;
  let formWritten = true;
  let mistyped = false;
  const embedsForm = b.legalForm === "KOPERASI" || b.legalForm === "YAYASAN";
  if (b.legalForm === "PERORANGAN") {
    text = core;
    formWritten = false;
  } else if (!embedsForm && rng.chance(formMissingRate)) {
    text = core;
    formWritten = false;
  } else if (b.legalForm === "KOPERASI" && b.coopShort && rng.chance(0.15)) {
    // "KSP SEJAHTERA" for "KOPERASI SIMPAN PINJAM SEJAHTERA".
    text = `${b.coopShort} ${core.replace(/^(SIMPAN PINJAM|SERBA USAHA|UNIT DESA|PEGAWAI REPUBLIK INDONESIA)\s+/, "")}`;
  } else {
    const suffixes = SUFFIX[b.legalForm];
    if (suffixes && !b.tbk && !b.persero && rng.chance(SUFFIX_SHARE)) {
      text = `${core}${weighted(rng, suffixes)}`;
    } else {
      const prefix = weighted(rng, PREFIX[b.legalForm]);
      if (formTypo && !b.tbk && MISTYPED_FORMS.has(b.legalForm)) {
        const typed = mistypeForm(formTypo, b.legalForm);
        text = typed.glued ? `${typed.prefix}${core}` : `${typed.prefix} ${core}`;
        mistyped = true;
      } else {
        text = `${prefix} ${core}`;
      }
    }
  }
  if (formWritten && b.persero) text += weighted(rng, PERSERO);
  if (formWritten && b.tbk) {
    const mark = weighted(rng, TBK);
    text += formTypo ? TBK_TYPOS.pick(formTypo) : mark;
    mistyped ||= formTypo !== null;
  }
  if (b.branchLabel) text += b.branchLabel;
  return { text: caseVariant(rng, text), formWritten, formTypo: mistyped };
}

/** Capitals mostly; sometimes title case, as typed by hand. */
export function caseVariant(rng: Rng, text: string): string {
  const roll = rng.float();
  if (roll < 0.84) return text.toUpperCase();
  if (roll < 0.97) return titleCase(text);
  return text.replace(/ {1}/, "  ").toUpperCase(); // a doubled space
}

/** "PT. SINAR JAYA" → "Pt. Sinar Jaya": capital after a space or punctuation. */
function titleCase(text: string): string {
  const lower = text.toLowerCase();
  let out = "";
  let capital = true;
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    const code = lower.charCodeAt(i);
    const letter = code >= 97 && code <= 122;
    out += capital && letter ? String.fromCharCode(code - 32) : ch;
    capital = !letter && (code === 32 || code === 40 || code === 46 || code === 44 || code === 38 || code === 39 || code === 0x2019 || code === 45);
  }
  return out;
}

// ---------------------------------------------------------------- NPWP

export type NpwpStyle = "dotted15" | "plain15" | "plain16";

/** `0013121660091000` (16) → the way a file writes it. A NIK stays 16 digits. */
export function writeNpwp(npwp16: string, isNik: boolean, style: NpwpStyle): string {
  if (isNik) return npwp16;
  const fifteen = npwp16.slice(1);
  if (style === "plain16") return npwp16;
  if (style === "plain15") return fifteen;
  return `${fifteen.slice(0, 2)}.${fifteen.slice(2, 5)}.${fifteen.slice(5, 8)}.${fifteen.slice(8, 9)}-${fifteen.slice(9, 12)}.${fifteen.slice(12, 15)}`;
}

export type NpwpMangling = "excel" | "leading_zero_lost" | "decimal";

/**
 * What Excel does to an NPWP typed into a number cell: scientific notation (`1.31217E+13`,
 * `1,31217E+13` in an Indonesian locale), the leading 0 dropped, or `….0` from a decimal export.
 */
export function mangleNpwp(rng: Rng, npwp16: string): { text: string; kind: NpwpMangling } {
  const asNumber = Number(npwp16.replace(/^0+/, "") || "0");
  const roll = rng.float();
  if (roll < 0.6) {
    const [mantissa, exponent] = asNumber.toExponential(5).split("e");
    const trimmed = mantissa!.replace(/\.?0+$/, "");
    const sign = exponent!.startsWith("-") ? "-" : "+";
    const text = `${trimmed}E${sign}${exponent!.replace(/^[+-]/, "")}`;
    return { text: rng.chance(0.3) ? text.replace(".", ",") : text, kind: "excel" };
  }
  if (roll < 0.9) return { text: String(asNumber), kind: "leading_zero_lost" };
  return { text: `${asNumber}.0`, kind: "decimal" };
}

/** One digit of the first nine changed: the Luhn check catches every such slip. */
export function npwpDigitTypo(rng: Rng, npwp16: string): string {
  const at = 1 + rng.int(0, 8);
  const old = npwp16.charCodeAt(at) - 48;
  const replacement = (old + rng.int(1, 9)) % 10;
  return npwp16.slice(0, at) + String(replacement) + npwp16.slice(at + 1);
}

// ---------------------------------------------------------------- phones, emails

const LANDLINE_STYLE = new Weighted([[0, 30], [1, 30], [2, 20], [3, 8], [4, 5], [5, 4], [6, 3]] as const);

/** `0227301234` (national, area code included) in one of the ways people write a landline. */
export function writeLandline(rng: Rng, national: string, areaCode: string): string {
  const subscriber = national.slice(areaCode.length);
  switch (LANDLINE_STYLE.pick(rng)) {
    case 0:
      return `(${areaCode}) ${subscriber}`;
    case 1:
      return `${areaCode}-${subscriber}`;
    case 2:
      return national;
    case 3:
      return `${areaCode} ${subscriber}`;
    case 4:
      return `+62 ${areaCode.slice(1)} ${subscriber}`;
    case 5:
      return `+62${areaCode.slice(1)}${subscriber}`;
    default:
      return `62${areaCode.slice(1)}${subscriber}`;
  }
}

const MOBILE_STYLE = new Weighted([[0, 40], [1, 20], [2, 12], [3, 10], [4, 8], [5, 5], [6, 3], [7, 2]] as const);

/** `081234567890` in one of the ways people write a mobile number (Excel sometimes drops the 0). */
export function writeMobile(rng: Rng, national: string): string {
  const rest = national.slice(1);
  switch (MOBILE_STYLE.pick(rng)) {
    case 0:
      return national;
    case 1:
      return `${national.slice(0, 4)}-${national.slice(4, 8)}-${national.slice(8)}`;
    case 2:
      return `+62${rest}`;
    case 3:
      return `62${rest}`;
    case 4:
      return `${national.slice(0, 4)} ${national.slice(4, 8)} ${national.slice(8)}`;
    case 5:
      return `+62 ${rest.slice(0, 3)}-${rest.slice(3, 7)}-${rest.slice(7)}`;
    case 6:
      return rest;
    default:
      return `'${national}`;
  }
}

/** Values a phone column holds that are not one usable number. */
export function invalidPhone(rng: Rng, national: string | null): string {
  const n = national ?? "081234567890";
  return weighted(rng, [
    [n.slice(0, 7), 25], // cut short
    [`${n}${n.slice(-4)}`, 10], // too long
    [`${n} / 0813${n.slice(-8)}`, 20], // two numbers in one cell
    [`+65 6${n.slice(-7)}`, 5], // foreign
    ["14045", 5], // a service number
    [`${n.slice(0, 4)}-xxxx-${n.slice(-4)}`, 10],
    ["0", 5],
    [`${Number(n.replace(/^0/, "")).toExponential(5).replace("e+", "E+")}`, 20], // Excel
  ]);
}

/** Values an email column holds that are not an address. */
export function invalidEmail(rng: Rng, email: string | null): string {
  const e = email ?? "admin@contoh.co.id";
  const at = e.indexOf("@");
  const local = e.slice(0, at);
  const domain = e.slice(at + 1);
  return weighted(rng, [
    [`${local}@${domain.replace(/\.[a-z.]+$/, "")}`, 25], // no TLD
    [`${local} @${domain}`, 15], // space
    [`${local}.${domain}`, 20], // no @
    [`${local}@@${domain}`, 10],
    [`${local}@${domain.replace(".", ",")}`, 15],
    [`${e}; ${local}2@${domain}`, 15], // two addresses
  ]);
}

/** Worker counts that cannot be read as a whole number. */
export function invalidWorkerCount(rng: Rng, workers: number): string {
  return weighted(rng, [
    [`${workers},5`, 30],
    [`-${workers}`, 15],
    [`${workers} orang`, 35],
    ["lima", 5],
    [`${workers}.000,5`, 15],
  ]);
}

/** `1234567` → `1.234.567` (no Intl: output must not depend on the ICU build). */
function groupThousands(value: number, separator: string): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A worker count in one of the ways spreadsheets format it (`1.234`, `1,234`, `42.0`). */
export function writeWorkerCount(rng: Rng, workers: number): string {
  if (workers >= 1000) {
    const roll = rng.float();
    if (roll < 0.4) return groupThousands(workers, ".");
    if (roll < 0.55) return groupThousands(workers, ",");
    return String(workers);
  }
  return rng.chance(0.03) ? `${workers}.0` : String(workers);
}

export { weighted as pickWeightedText };
