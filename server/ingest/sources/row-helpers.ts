import "server-only";
import { detachedString } from "@/lib/detached-string.ts";
import { maskEmail } from "@/lib/identifiers/email.ts";
import { parseKbli, type KbliResult } from "@/lib/identifiers/kbli.ts";
import { maskMiddle, maskNik } from "@/lib/identifiers/nik.ts";
import { parseNpwp, type NpwpResult } from "@/lib/identifiers/npwp.ts";
import {
  cellText,
  EMPTY,
  EXCEL_SCIENTIFIC_REASON,
  invalid,
  isExcelScientific,
  isOneRepeatedCharacter,
  type ParseResult,
} from "@/lib/identifiers/parse-result.ts";
import { maskPhone } from "@/lib/identifiers/phone.ts";
import { normalizeHeader } from "@/server/ingest/header-matching.ts";
import type {
  ColumnSpec,
  NormalizeContext,
  NormalizedRecord,
  RegionInput,
  RegionMatchQuality,
  RowIssue,
  StoredRecordFields,
} from "@/server/ingest/types.ts";

/**
 * What the source definitions share: building row issues (named by the file's header, masked when
 * personal), reading optional values into a value-or-warning, the NPWP and name checks, short
 * vocabularies (statuses, entity types, segments), region resolution and the record itself. Everything here runs per row of million-row
 * files: no regex on the common path, vocabularies memoised per distinct cell text.
 */

export type Values = Readonly<Record<string, string>>;
export type Mask = (text: string) => string;

/** How personal values are shown in reject reports and warnings. */
export const MASKS = {
  nik: maskNik,
  phone: maskPhone,
  email: maskEmail,
  /** Names and other free text: first and last character. */
  text: (text: string) => maskMiddle(text, 1, 1),
  /** Passport, NIORA, KITAS numbers: first and last two characters. */
  document: (text: string) => maskMiddle(text, 2, 2),
} as const satisfies Record<string, Mask>;

/** Shorthand for a column spec; `key` is always accepted as a header too. */
export function column(
  key: string,
  label: string,
  aliases: readonly string[],
  flags: { required?: boolean; personal?: boolean; cell?: ColumnSpec["cell"] } = {},
): ColumnSpec {
  return Object.freeze({ key, label, aliases: Object.freeze([...aliases]), ...flags });
}

/** Record fields that hold a cell's text as it is usually written (trimmed, spaces collapsed). */
type TextField = "name" | "legalForm" | "npwp" | "nib" | "nik" | "kodeWlkp" | "kodeBadanUsaha" | "provinceCode" | "regencyCode" | "districtCode" | "villageCode" | "address" | "postcode" | "phone" | "email" | "kbli";

/**
 * Cell renderers for `ColumnSpec.cell`: what a column's cell most often reads like, written from
 * the stored fields. They only decide how much of a row `raw` must keep: any cell they do not
 * reproduce exactly is kept as delivered.
 */
export const CELLS = {
  field: (name: TextField) => (r: StoredRecordFields) => r[name] ?? "",
  /** A string or number `extra` key. */
  extra: (key: string) => (r: StoredRecordFields) => {
    const value = (r.extra as Record<string, unknown> | null)?.[key];
    return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
  },
  /** An E.164 Indonesian number as dialled at home: `+6281234…` → `081234…`. */
  phone: (value: (r: StoredRecordFields) => string) => (r: StoredRecordFields) => {
    const e164 = value(r);
    return e164.startsWith("+62") ? `0${e164.slice(3)}` : e164;
  },
} as const;

/** The column as the file named it; the canonical key for API records or absent columns. */
function columnName(ctx: NormalizeContext, key: string): string {
  return ctx.headers[key] ?? key;
}

export function rowIssue(
  ctx: NormalizeContext,
  key: string,
  raw: string | undefined,
  reason: string,
  mask?: Mask,
): RowIssue {
  const text = raw === undefined ? "" : raw.trim();
  return { column: columnName(ctx, key), value: mask !== undefined && text.length > 0 ? mask(text) : text, reason };
}

/**
 * The value of an optional field, or null: an invalid value adds a warning (masked with `mask`
 * when the column is personal) and is dropped, never guessed.
 */
export function optional<V>(
  result: ParseResult<{ value: V }>,
  ctx: NormalizeContext,
  key: string,
  raw: string | undefined,
  warnings: RowIssue[],
  mask?: Mask,
): V | null {
  if (result.kind === "ok") return result.value;
  if (result.kind === "invalid") warnings.push(rowIssue(ctx, key, raw, result.reason, mask));
  return null;
}

/** `optional` for the cell under `key`, read with `parse`. */
export function readOptional<V>(
  parse: (raw: string | undefined) => ParseResult<{ value: V }>,
  values: Values,
  key: string,
  ctx: NormalizeContext,
  warnings: RowIssue[],
  mask?: Mask,
): V | null {
  const raw = values[key];
  return optional(parse(raw), ctx, key, raw, warnings, mask);
}

/**
 * The issue for an invalid NPWP. A 16-digit value not starting with 0 is somebody's NIK, so it is
 * masked even in a column that is not personal otherwise.
 */
export function npwpIssue(
  ctx: NormalizeContext,
  key: string,
  raw: string | undefined,
  result: Extract<NpwpResult, { kind: "invalid" }>,
  personal: boolean,
): RowIssue {
  const looksLikeNik = result.code === "nik_invalid" || (raw !== undefined && startsWithNonZeroDigits(raw.trim(), 16));
  return rowIssue(ctx, key, raw, result.reason, personal || looksLikeNik ? MASKS.nik : undefined);
}

export interface NpwpFields {
  npwp: string | null;
  npwpIsNik: boolean;
}

const NO_NPWP: NpwpFields = Object.freeze({ npwp: null, npwpIsNik: false });

/**
 * An optional NPWP column: the value (and whether it is a NIK), or null when empty or invalid; an
 * invalid value adds an issue to `issues` (a row's warnings, or its reject issues).
 */
export function readNpwp(
  values: Values,
  ctx: NormalizeContext,
  key: string,
  issues: RowIssue[],
  personal: boolean,
): NpwpFields {
  const raw = values[key];
  const result = parseNpwp(raw);
  if (result.kind === "ok") return { npwp: result.value, npwpIsNik: result.isNik };
  if (result.kind === "invalid") issues.push(npwpIssue(ctx, key, raw, result, personal));
  return NO_NPWP;
}

/**
 * A row identified by its name (business and entity rows): an empty name rejects the row, with an
 * invalid NPWP reported alongside; otherwise an invalid NPWP is the row's first warning.
 */
export function identifyByName(
  values: Values,
  ctx: NormalizeContext,
  nameColumn: ColumnSpec,
  npwpKey: string,
): { ok: true; name: string; npwp: NpwpFields; warnings: RowIssue[] } | { ok: false; issues: RowIssue[] } {
  const nameRaw = values[nameColumn.key];
  const name = cleanText(nameRaw);
  if (name === null) {
    const issues = [rowIssue(ctx, nameColumn.key, nameRaw, `${nameColumn.label} kosong: baris tanpa nama tidak dapat dikenali`)];
    readNpwp(values, ctx, npwpKey, issues, false);
    return { ok: false, issues };
  }
  const warnings: RowIssue[] = [];
  return { ok: true, name, npwp: readNpwp(values, ctx, npwpKey, warnings, false), warnings };
}

/** True when `text` starts with 1–9 and holds at least `count` digits in all. */
function startsWithNonZeroDigits(text: string, count: number): boolean {
  const first = text.charCodeAt(0);
  if (first < 49 || first > 57) return false;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  return digits >= count;
}

function isSpaceLike(code: number): boolean {
  return code <= 32 || code === 160 || code === 0x2007 || code === 0x202f || code === 0xfeff;
}

/**
 * Names and addresses: trimmed, runs of whitespace (tabs, newlines, no-break spaces) collapsed to
 * one space, case kept; null for an empty cell or a "none" placeholder (`-`, `NULL`, `tidak ada`).
 */
export function cleanText(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = cellText(raw);
  if (text.length === 0) return null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (text.charCodeAt(i + 1) === 32) return collapseSpaces(text);
    } else if (isSpaceLike(code)) {
      return collapseSpaces(text);
    }
  }
  return text; // the common case: no copy
}

function collapseSpaces(text: string): string | null {
  let out = "";
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpaceLike(code)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += " ";
    pendingSpace = false;
    out += text[i];
  }
  return out.length > 0 ? out : null;
}

const MAX_CODE_LENGTH = 50;

/**
 * A partner's own code (Kode Badan Usaha, Kode Pendaftaran WLKP): free form, so only trimmed,
 * spaces collapsed and the Excel text marker (`'`) dropped; a value Excel turned into scientific
 * notation or an overlong one is a warning.
 */
export function partnerCode(label: string): (raw: string | undefined) => ParseResult<{ value: string }> {
  const tooLong = invalid("too_long", `${label} terlalu panjang (maksimal ${MAX_CODE_LENGTH} karakter)`);
  const excel = invalid("excel_scientific", EXCEL_SCIENTIFIC_REASON);
  return (raw) => {
    let text = cleanText(raw);
    if (text === null) return EMPTY;
    if (text.charCodeAt(0) === 39 /* ' */) {
      text = text.slice(1).trim();
      if (text.length === 0) return EMPTY;
    }
    if (isExcelScientific(text)) return excel;
    if (text.length > MAX_CODE_LENGTH) return tooLong;
    return { kind: "ok", value: text };
  };
}

const DOCUMENT_MIN = 5;
const DOCUMENT_MAX = 30;

/**
 * Passport, NIORA and KITAS numbers: letters and digits (with `-`, `/`, `.` inside), uppercased,
 * spaces removed; 5–30 characters holding at least one digit.
 */
export function documentNumber(label: string): (raw: string | undefined) => ParseResult<{ value: string }> {
  const characters = invalid("characters", `${label} hanya boleh berisi huruf, angka, -, / atau .`);
  const length = invalid("length", `${label} harus ${DOCUMENT_MIN}–${DOCUMENT_MAX} karakter`);
  const noDigit = invalid("no_digit", `${label} harus memuat angka`);
  const placeholder = invalid("placeholder", `${label} berisi satu karakter yang diulang (isian pengganti)`);
  const excel = invalid("excel_scientific", EXCEL_SCIENTIFIC_REASON);
  return (raw) => {
    const text = cellText(raw);
    if (text.length === 0) return EMPTY;
    if (text.length > DOCUMENT_MAX * 2) return length;
    let value = "";
    let digits = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 48 && code <= 57) {
        digits++;
        value += text[i];
      } else if ((code >= 65 && code <= 90) || code === 45 || code === 47 || code === 46) {
        value += text[i];
      } else if (code >= 97 && code <= 122) {
        value += String.fromCharCode(code - 32);
      } else if (!isSpaceLike(code) && !(code === 39 && i === 0)) {
        return characters;
      }
    }
    if (isExcelScientific(text)) return excel;
    if (value.length < DOCUMENT_MIN || value.length > DOCUMENT_MAX) return length;
    if (digits === 0) return noDigit;
    if (isOneRepeatedCharacter(value)) return placeholder;
    return { kind: "ok", value };
  };
}

/**
 * A reader for a short closed vocabulary (status words, entity types, segments): the cell is
 * compared after `normalizeHeader` (case, spacing, punctuation ignored), results memoised per
 * distinct cell text — a column holds a handful of spellings over millions of rows.
 */
export function vocabulary<V>(
  entries: readonly (readonly [V, readonly string[]])[],
  unknownReason: string,
): (raw: string | undefined) => ParseResult<{ value: V }> {
  const byKey = new Map<string, V>();
  for (const [value, spellings] of entries) {
    for (const spelling of spellings) {
      const key = normalizeHeader(spelling);
      if (byKey.has(key) && byKey.get(key) !== value) throw new Error(`Vocabulary: "${spelling}" means two values`);
      byKey.set(key, value);
    }
  }
  const unknown = invalid("unknown", unknownReason);
  // Bounded so a column of free text cannot grow it without limit; misses beyond it still work.
  const CACHE_LIMIT = 1024;
  const cache = new Map<string, ParseResult<{ value: V }>>();
  return (raw) => {
    if (raw === undefined) return EMPTY;
    const cached = cache.get(raw);
    if (cached !== undefined) return cached;
    raw = detachedString(raw); // becomes a cache key: must not pin the file chunk it came from
    const text = cellText(raw);
    let result: ParseResult<{ value: V }>;
    if (text.length === 0) {
      result = EMPTY;
    } else {
      const value = text.length > 80 ? undefined : byKey.get(normalizeHeader(text));
      result = value === undefined ? unknown : Object.freeze({ kind: "ok" as const, value });
    }
    if (cache.size < CACHE_LIMIT) cache.set(raw, result);
    return result;
  };
}

/** "Sudah terdaftar JKN" / "Belum terdaftar JKN" and the usual yes/no spellings. */
export const parseRegistered = vocabulary<boolean>(
  [
    [
      true,
      ["sudah", "sudah terdaftar", "sudah terdaftar JKN", "terdaftar", "terdaftar JKN", "ya", "y", "yes", "true", "1"],
    ],
    [
      false,
      [
        "belum",
        "belum terdaftar",
        "belum terdaftar JKN",
        "tidak terdaftar",
        "tidak terdaftar JKN",
        "tidak",
        "t",
        "n",
        "no",
        "false",
        "0",
      ],
    ],
  ],
  "Status terdaftar JKN tidak dikenali (gunakan Sudah terdaftar JKN atau Belum terdaftar JKN)",
);

/** "Aktif" / "Tidak aktif" and the usual yes/no spellings. */
export const parseActive = vocabulary<boolean>(
  [
    [true, ["aktif", "aktip", "active", "ya", "y", "yes", "true", "1"]],
    [
      false,
      ["tidak aktif", "non aktif", "nonaktif", "non-aktif", "tdk aktif", "inactive", "tidak", "t", "n", "no", "false", "0"],
    ],
  ],
  "Status aktif tidak dikenali (gunakan Aktif atau Tidak aktif)",
);

/**
 * The two JKN statuses of a row of BPJS's own data (Status terdaftar JKN, Status aktif). A blank
 * or placeholder cell (`-`) stays unknown (null) and says so in a warning: read silently, an
 * unknown status once came back to the partners as "Aktif". Activity is asked only of a row not
 * listed as unregistered, so "Belum terdaftar" with a blank activity is no warning. A file
 * without the column warns nothing (the reader knows the whole column is missing).
 */
export function readJknStatuses(
  values: Values,
  keys: { registered: string; active: string },
  ctx: NormalizeContext,
  warnings: RowIssue[],
): { registered: boolean | null; active: boolean | null } {
  const read = (parse: typeof parseRegistered, key: string, what: string): boolean | null => {
    const raw = values[key];
    const result = parse(raw);
    if (result.kind === "empty" && ctx.headers[key] !== undefined) {
      warnings.push(rowIssue(ctx, key, raw, `${what} kosong: dicatat tidak diketahui; data balikan menjawab "Tidak diketahui"`));
    }
    return optional(result, ctx, key, raw, warnings);
  };
  const registered = read(parseRegistered, keys.registered, "Status terdaftar JKN");
  const active = registered === false ? readOptional(parseActive, values, keys.active, ctx, warnings) : read(parseActive, keys.active, "Status aktif");
  return { registered, active };
}

/**
 * A KBLI cell as partners fill it: `46100`, `46100 - Perdagangan Besar …`, or only the description.
 * The leading code (if any) is parsed strictly; the description is kept apart.
 */
export function readKbli(raw: string | undefined): { code: KbliResult; description: string | null } {
  const text = cleanText(raw);
  if (text === null) return { code: EMPTY, description: null };
  let start = text.charCodeAt(0) === 39 /* ' */ ? 1 : 0;
  while (start < text.length && text.charCodeAt(start) === 32) start++;
  let end = start;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    const isDigit = code >= 48 && code <= 57;
    // A dot between digits belongs to the code ("46.100"), the parser removes it.
    const innerDot = code === 46 && end > start && isDigitAt(text, end + 1);
    if (!isDigit && !innerDot) break;
    end++;
  }
  if (end === start) return { code: EMPTY, description: text };
  if (end === text.length) return { code: parseKbli(text), description: null };
  // After the digits: a separator, then the description ("46100 - …", "46100: …", "46100 …").
  let rest = end;
  while (rest < text.length) {
    const code = text.charCodeAt(rest);
    if (code !== 32 && code !== 45 && code !== 58 && code !== 46 && code !== 0x2013 && code !== 0x2014) break;
    rest++;
  }
  if (rest === end) return { code: parseKbli(text), description: null }; // "4610a": let the parser say why
  return { code: parseKbli(text.slice(start, end)), description: rest < text.length ? text.slice(rest) : null };
}

function isDigitAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
}

/** Which canonical key holds each region field a source has. */
export type RegionColumns = Partial<Record<keyof RegionInput, string>>;

export interface RegionFields {
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  regionMatch: RegionMatchQuality | null;
}

const NO_REGION: RegionFields = Object.freeze({
  provinceCode: null,
  regencyCode: null,
  districtCode: null,
  villageCode: null,
  regionMatch: null,
});

const LEVEL_FIELDS = [
  ["province", "provinceCode", "provinceName"],
  ["regency", "regencyCode", "regencyName"],
  ["district", "districtCode", "districtName"],
  ["village", "villageCode", "villageName"],
] as const;

/**
 * A per-source reader that hands a row's region columns to `ctx.regions.resolve` and turns each
 * resolver issue into a warning. A row with every region cell empty is not sent (nothing to
 * resolve): its region fields stay null.
 *
 * Resolver issues name their column by RegionInput field (`regencyName`); a level name
 * (`regency`) or a canonical key is understood as well, anything else is reported as given.
 */
export function regionReader(
  columns: RegionColumns,
): (values: Values, ctx: NormalizeContext, warnings: RowIssue[]) => RegionFields {
  const fields = (Object.entries(columns) as [keyof RegionInput, string][]).filter(([, key]) => key.length > 0);
  const fieldOfIssueColumn = new Map<string, keyof RegionInput>();
  for (const [level, codeField, nameField] of LEVEL_FIELDS) {
    if (columns[codeField]) fieldOfIssueColumn.set(codeField, codeField).set(columns[codeField], codeField);
    if (columns[nameField]) fieldOfIssueColumn.set(nameField, nameField).set(columns[nameField], nameField);
    const levelField = columns[nameField] ? nameField : columns[codeField] ? codeField : undefined;
    if (levelField) fieldOfIssueColumn.set(level, levelField);
  }

  return (values, ctx, warnings) => {
    // Every row's input has the same shape (all eight fields, in one order): the resolver's
    // property reads stay monomorphic.
    const input: RegionInput = {
      provinceCode: undefined,
      provinceName: undefined,
      regencyCode: undefined,
      regencyName: undefined,
      districtCode: undefined,
      districtName: undefined,
      villageCode: undefined,
      villageName: undefined,
    };
    let given = false;
    for (const [field, key] of fields) {
      const raw = values[key];
      if (raw === undefined) continue;
      const text = cellText(raw);
      if (text.length === 0) continue;
      input[field] = text;
      given = true;
    }
    if (!given) return NO_REGION;
    const resolved = ctx.regions.resolve(input);
    for (const issue of resolved.issues) {
      const field = fieldOfIssueColumn.get(issue.column);
      const key = field === undefined ? undefined : columns[field];
      warnings.push(
        key === undefined || field === undefined
          ? { column: issue.column, value: "", reason: issue.reason }
          : { column: columnName(ctx, key), value: input[field] ?? "", reason: issue.reason },
      );
    }
    return {
      provinceCode: resolved.provinceCode,
      regencyCode: resolved.regencyCode,
      districtCode: resolved.districtCode,
      villageCode: resolved.villageCode,
      regionMatch: resolved.quality,
    };
  };
}

/** The record fields a source sets one by one (NPWP and region fields come as groups). */
export type RecordFields = Partial<Omit<NormalizedRecord, keyof NpwpFields | keyof RegionFields>>;

/**
 * A full record from the fields a source fills, its NPWP (as `readNpwp` gives it) and its region
 * (none when the source has no region columns); every other field null, `extra` empty. Always
 * the same shape, a fresh object per row.
 */
export function record(fields: RecordFields, npwp: NpwpFields, region: RegionFields = NO_REGION): NormalizedRecord {
  return {
    name: fields.name ?? null,
    legalForm: fields.legalForm ?? null,
    npwp: npwp.npwp,
    npwpIsNik: npwp.npwpIsNik,
    nib: fields.nib ?? null,
    nik: fields.nik ?? null,
    kodeWlkp: fields.kodeWlkp ?? null,
    kodeBadanUsaha: fields.kodeBadanUsaha ?? null,
    provinceCode: region.provinceCode,
    regencyCode: region.regencyCode,
    districtCode: region.districtCode,
    villageCode: region.villageCode,
    regionMatch: region.regionMatch,
    address: fields.address ?? null,
    postcode: fields.postcode ?? null,
    phone: fields.phone ?? null,
    email: fields.email ?? null,
    workerCount: fields.workerCount ?? null,
    businessScale: fields.businessScale ?? null,
    kbli: fields.kbli ?? null,
    extra: fields.extra ?? {},
  };
}
