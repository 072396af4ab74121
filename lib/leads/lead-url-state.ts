import { z } from "zod";
import { BUSINESS_SCALES, type BusinessScale } from "../identifiers/business-scale.ts";
import { parseNib } from "../identifiers/nib.ts";
import { parseNpwp } from "../identifiers/npwp.ts";
import { parseNameSearch } from "../names/business-name.ts";
import { normalizeRegionCode } from "../region-code.ts";
import { SOURCE_IDS } from "../sources.ts";
import { BUSINESS_STATUSES, BUSINESS_STATUS_SLUGS } from "./business-status.ts";
import { ENTITY_KIND_SLUGS, ENTITY_KINDS } from "./entity-kind.ts";
import { FOLLOW_UP_STATUSES, NOT_FOLLOWED_UP, type FollowUpFilterValue } from "./follow-up-status.ts";
import { KBLI_SECTION_LETTERS } from "./kbli-sections.ts";
import { ASSIGNED_TO_ME, ASSIGNED_TO_NOBODY, ASSIGNED_TO_TAKEABLE, type LeadFilter } from "./lead-filter.ts";

/**
 * The Prospek page's whole state lives in the URL, so a link reproduces the view: filter, sort, page
 * position and visible columns. This one schema parses it for the page, the exports and the
 * saved views alike; a mangled value falls back to "not set" (`.catch()`), so a hand-edited link
 * still opens a page. `leadListSearchParams` writes it back, only what differs from the defaults,
 * in a stable order — so the same view is always the same link.
 *
 * Parameter names are Indonesian, values are lower-case slugs: `?jenis=notaris&wilayah=32.73.01&skala=mikro,kecil
 * &status=belum-terdaftar&belum_terdaftar_min=10&tindak_lanjut=belum&petugas=saya&cari=sinar+jaya
 * &urut=pekerja&arah=turun`.
 */

export const LEAD_LIST_PARAMS = {
  kind: "jenis",
  regionCodes: "wilayah",
  scales: "skala",
  statuses: "status",
  all: "semua",
  sources: "sumber",
  kbliSection: "kategori",
  kbli: "kbli",
  workersMin: "pekerja_min",
  workersMax: "pekerja_maks",
  gapMin: "belum_terdaftar_min",
  followUpStatuses: "tindak_lanjut",
  assignedTo: "petugas",
  q: "cari",
  qToken: "cari-token",
  sort: "urut",
  direction: "arah",
  cursor: "setelah",
  back: "lalu",
  columns: "kolom",
} as const;

/** Sort keys as they appear in the URL; `relevansi` only means something while searching by name. */
export const LEAD_SORTS = ["prioritas", "nama", "pekerja", "selisih", "kbli", "diperbarui", "relevansi"] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];
export type SortDirection = "asc" | "desc";
/** The direction each sort starts in when picked. */
export const LEAD_SORT_DEFAULT_DIRECTION: Readonly<Record<LeadSort, SortDirection>> = {
  prioritas: "desc",
  nama: "asc",
  pekerja: "desc",
  selisih: "desc",
  kbli: "asc",
  diperbarui: "desc",
  relevansi: "desc",
};

/** Columns of the lead table, in display order. `name` is always shown. */
export const LEAD_LIST_COLUMNS = [
  "name",
  "region",
  "scale",
  "kbli",
  "workers",
  "gap",
  "status",
  "priority",
  "followUp",
  "assignee",
  "sources",
  "npwp",
  "nib",
] as const;
export type LeadListColumn = (typeof LEAD_LIST_COLUMNS)[number];
export const LEAD_LIST_COLUMN_LABELS: Readonly<Record<LeadListColumn, string>> = {
  name: "Nama Badan Usaha",
  region: "Wilayah",
  scale: "Skala",
  kbli: "KBLI",
  workers: "Pekerja",
  gap: "Selisih",
  status: "Status Kepesertaan",
  priority: "Prioritas",
  followUp: "Tindak Lanjut",
  assignee: "Petugas",
  sources: "Sumber",
  npwp: "NPWP",
  nib: "NIB",
};
export const DEFAULT_LEAD_COLUMNS: readonly LeadListColumn[] = ["name", "region", "scale", "workers", "gap", "status", "priority", "followUp", "assignee"];

/** How the columns' own sort buttons map to sort keys. */
export const LEAD_COLUMN_SORTS: Partial<Record<LeadListColumn, LeadSort>> = {
  name: "nama",
  kbli: "kbli",
  workers: "pekerja",
  gap: "selisih",
  priority: "prioritas",
};

export const LEAD_PAGE_SIZE = 50;
/** Search text longer than this is cut (names are shorter; keeps the trigram work bounded). */
export const LEAD_SEARCH_MAX_CHARS = 100;
const WORKERS_MAX = 10_000_000;
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SCALE_SLUGS: Readonly<Record<BusinessScale, string>> = { MIKRO: "mikro", KECIL: "kecil", MENENGAH: "menengah", BESAR: "besar" };
const FOLLOW_UP_SLUGS: Readonly<Record<FollowUpFilterValue, string>> = {
  BARU: "baru",
  DIHUBUNGI: "dihubungi",
  DIKUNJUNGI: "dikunjungi",
  BERSEDIA_DAFTAR: "bersedia-daftar",
  TERDAFTAR: "terdaftar",
  MENOLAK: "menolak",
  TIDAK_DITEMUKAN: "tidak-ditemukan",
  [NOT_FOLLOWED_UP]: "belum",
};
const FOLLOW_UP_FILTER_VALUES: readonly FollowUpFilterValue[] = [NOT_FOLLOWED_UP, ...FOLLOW_UP_STATUSES];

/** The raw value of one parameter: the first if repeated, trimmed, empty meaning "not set". */
function first(value: unknown): string | undefined {
  const one: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof one !== "string") return undefined;
  const trimmed = one.trim();
  return trimmed === "" ? undefined : trimmed;
}

function param<T extends z.ZodType>(schema: T) {
  return z.preprocess(first, schema.optional()).catch(undefined);
}

/**
 * A comma-separated list of slugs → the values they name, in the canonical order, unknown words
 * dropped (a link from an older release still opens). Empty → undefined.
 */
function slugList<V extends string>(values: readonly V[], slug: (value: V) => string) {
  const bySlug = new Map(values.map((v) => [slug(v), v]));
  return z.preprocess(first, z.string().optional()).transform((text) => {
    if (text === undefined) return undefined;
    const wanted = new Set(text.split(",").map((w) => bySlug.get(w.trim().toLowerCase())));
    const picked = values.filter((v) => wanted.has(v));
    return picked.length ? picked : undefined;
  });
}

const regionList = z.preprocess(first, z.string().optional()).transform((text) => {
  if (text === undefined) return undefined;
  const codes = [...new Set(text.split(",").map((w) => normalizeRegionCode(w)).filter((c): c is string => c !== null))];
  return codes.length ? codes.slice(0, 50) : undefined;
});

const count = param(z.coerce.number().int().min(0).max(WORKERS_MAX));

const KIND_BY_SLUG = new Map(ENTITY_KINDS.map((k) => [ENTITY_KIND_SLUGS[k], k]));

export const leadListStateSchema = z.object({
  kind: param(z.string().toLowerCase()).transform((slug) => (slug === undefined ? undefined : KIND_BY_SLUG.get(slug))),
  regionCodes: regionList,
  scales: slugList(BUSINESS_SCALES, (s) => SCALE_SLUGS[s]),
  statuses: slugList(BUSINESS_STATUSES, (s) => BUSINESS_STATUS_SLUGS[s]),
  all: param(z.literal("1")).transform((v) => (v === "1" ? true : undefined)),
  sources: slugList(SOURCE_IDS, (s) => s),
  kbliSection: param(z.string().toUpperCase().pipe(z.enum(KBLI_SECTION_LETTERS as [string, ...string[]]))),
  kbli: param(z.string().regex(/^\d{1,5}$/)),
  workersMin: count,
  workersMax: count,
  gapMin: count,
  followUpStatuses: slugList(FOLLOW_UP_FILTER_VALUES, (s) => FOLLOW_UP_SLUGS[s]),
  assignedTo: param(z.union([z.literal(ASSIGNED_TO_ME), z.literal(ASSIGNED_TO_NOBODY), z.literal(ASSIGNED_TO_TAKEABLE), z.string().regex(USER_ID).toLowerCase()])),
  q: param(z.string().transform((s) => s.slice(0, LEAD_SEARCH_MAX_CHARS).trim())).transform((s) => s || undefined),
  qToken: param(z.string().regex(/^v1\.[A-Za-z0-9_.-]{1,800}$/)),
  sort: param(z.enum(LEAD_SORTS)),
  direction: param(z.enum(["naik", "turun"])).transform((d) => (d === undefined ? undefined : d === "naik" ? ("asc" as const) : ("desc" as const))),
  /** Opaque keyset position (server/leads/lead-query.ts encodes and checks it). */
  cursor: param(z.string().regex(/^[A-Za-z0-9_-]{1,400}$/)),
  /**
   * The pages before this one, as their cursors ("~" for the first page) joined by "." — keyset
   * paging cannot count back, so the way back travels in the URL, at most BACK_PAGES deep.
   */
  back: param(z.string().regex(/^[A-Za-z0-9_.~-]{1,4000}$/).transform((s) => s.split(".").slice(-BACK_PAGES))),
  columns: slugList(LEAD_LIST_COLUMNS, (c) => c.toLowerCase()),
});

type ParsedState = z.output<typeof leadListStateSchema>;

/** What the lead list shows: a filter plus sort, page position and visible columns, defaults filled in. */
export interface LeadListState {
  filter: LeadFilter;
  sort: LeadSort;
  direction: SortDirection;
  cursor: string | null;
  /** The cursors of the pages before this one, oldest first (FIRST_PAGE for the first). */
  back?: readonly string[];
  columns: readonly LeadListColumn[];
}

/** How many pages back "Sebelumnya" can go; further back, "Halaman pertama" still does. */
export const BACK_PAGES = 10;
/** The first page in the way back (it has no cursor). */
const FIRST_PAGE = "~";

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** The default sort: by name match while searching by name, else priority. */
export function defaultLeadSort(filter: LeadFilter): LeadSort {
  return isNameSearch(filter.q) ? "relevansi" : "prioritas";
}

/**
 * True when `q` searches names: not an identifier, and more than a legal form alone ("yayasan"
 * narrows to Yayasan and leaves nothing to rank by name).
 */
export function isNameSearch(q: string | undefined): boolean {
  if (!q) return false;
  return identifierSearch(q) === null && parseNameSearch(q).core !== "";
}

/**
 * An identifier search: the values `q` may be, per column, in the form Jangkau stores them. `kind`
 * is what the audit records.
 */
export interface IdentifierSearch {
  kind: "npwp" | "nib" | "kode";
  /** 16 digits: the 15-digit form gets its leading 0, as parseNpwp stores it. */
  npwp: string | null;
  nib: string | null;
  /** Kode WLKP or Kode Badan Usaha: partners' own codes, stored as the digits they wrote. */
  code: string | null;
}

/** Partner codes are 8 (BPJS) to 13 (WLKP) digits; shorter digit runs read as part of a name. */
const CODE_MIN_DIGITS = 6;

/**
 * A search for an identifier in any written form — NPWP with 15 or 16 digits, dotted as on tax
 * documents (`02.505.285.3-687.000`), NIB, Kode WLKP, Kode Badan Usaha — separators and a leading
 * apostrophe (a spreadsheet's text mark) ignored; null for a name. One text may be several: 13
 * digits are a NIB or a Kode WLKP.
 */
export function identifierSearch(q: string): IdentifierSearch | null {
  const text = q.trim().replace(/^'/, "");
  if (!/^[\d\s.\-/]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, "");
  const npwp = digits.length === 15 || digits.length === 16 ? parseNpwp(digits) : null;
  const nib = parseNib(digits);
  const found = {
    npwp: npwp?.kind === "ok" ? npwp.value : digits.length === 16 ? digits : null,
    nib: nib.kind === "ok" ? nib.value : null,
    code: digits.length >= CODE_MIN_DIGITS && digits.length <= 20 ? digits : null,
  };
  if (found.npwp) return { kind: "npwp", ...found };
  if (found.nib) return { kind: "nib", ...found };
  if (found.code) return { kind: "kode", ...found };
  return null;
}

/** Reads the lead list state from a page's `searchParams` or a request's `URLSearchParams`. */
export function parseLeadListState(source: SearchParamsLike): LeadListState {
  const read = (name: string) => (source instanceof URLSearchParams ? source.getAll(name) : source[name]);
  const raw = Object.fromEntries(Object.entries(LEAD_LIST_PARAMS).map(([key, name]) => [key, read(name)]));
  const parsed: ParsedState = leadListStateSchema.parse(raw);
  const filter: LeadFilter = stripUndefined({
    kind: parsed.kind,
    regionCodes: parsed.regionCodes,
    scales: parsed.scales,
    statuses: parsed.statuses,
    all: parsed.all,
    sources: parsed.sources,
    kbliSection: parsed.kbliSection,
    kbli: parsed.kbli,
    workersMin: parsed.workersMin,
    workersMax: parsed.workersMax,
    gapMin: parsed.gapMin,
    followUpStatuses: parsed.followUpStatuses,
    assignedTo: parsed.assignedTo,
    q: parsed.q,
    qToken: parsed.qToken,
  });
  // "relevansi" without a name search has nothing to rank by.
  const sort = parsed.sort === undefined || (parsed.sort === "relevansi" && !isNameSearch(filter.q)) ? defaultLeadSort(filter) : parsed.sort;
  const columns = parsed.columns ? (["name", ...parsed.columns.filter((c) => c !== "name")] as LeadListColumn[]) : DEFAULT_LEAD_COLUMNS;
  return {
    filter,
    sort,
    direction: parsed.direction ?? LEAD_SORT_DEFAULT_DIRECTION[sort],
    cursor: parsed.cursor ?? null,
    // A way back only makes sense from a later page.
    ...(parsed.cursor && parsed.back?.length ? { back: parsed.back } : {}),
    columns: LEAD_LIST_COLUMNS.filter((c) => columns.includes(c)),
  };
}

/** Just the filter part of a URL (exports, bulk assignment, saved views). */
export function parseLeadFilter(source: SearchParamsLike): LeadFilter {
  return parseLeadListState(source).filter;
}

export interface LeadListStateChange {
  filter?: LeadFilter;
  sort?: LeadSort;
  direction?: SortDirection;
  /** null drops the page position. A filter or sort change drops it unless given. */
  cursor?: string | null;
  /** The way back to keep with a new cursor; any other page move forgets it. */
  back?: readonly string[];
  columns?: readonly LeadListColumn[];
}

/** The state after a change: a new filter or sort starts again at the first page. */
export function changeLeadListState(state: LeadListState, change: LeadListStateChange): LeadListState {
  const resetsPage = change.filter !== undefined || change.sort !== undefined || change.direction !== undefined;
  const filter = change.filter ?? state.filter;
  let sort = change.sort ?? state.sort;
  if (sort === "relevansi" && !isNameSearch(filter.q)) sort = defaultLeadSort(filter);
  if (change.filter !== undefined && change.sort === undefined && state.sort === defaultLeadSort(state.filter)) sort = defaultLeadSort(filter);
  const direction = change.direction ?? (change.sort !== undefined || sort !== state.sort ? LEAD_SORT_DEFAULT_DIRECTION[sort] : state.direction);
  return {
    filter,
    sort,
    direction,
    cursor: change.cursor !== undefined ? change.cursor : resetsPage ? null : state.cursor,
    ...(change.back !== undefined ? { back: change.back } : change.cursor === undefined && !resetsPage && state.back ? { back: state.back } : {}),
    columns: change.columns ?? state.columns,
  };
}

/** The next page, remembering this one as the way back. */
export function nextLeadPage(state: LeadListState, nextCursor: string): LeadListState {
  return changeLeadListState(state, { cursor: nextCursor, back: [...(state.back ?? []), state.cursor ?? FIRST_PAGE].slice(-BACK_PAGES) });
}

/** The page before this one, when the URL still knows it (null on the first page or too far back). */
export function previousLeadPage(state: LeadListState): LeadListState | null {
  if (!state.cursor || !state.back?.length) return null;
  const back = state.back.slice(0, -1);
  const cursor = state.back.at(-1)!;
  return changeLeadListState(state, { cursor: cursor === FIRST_PAGE ? null : cursor, back });
}

/**
 * The search parameters that reproduce `state`: only what differs from the defaults, in the
 * order of LEAD_LIST_PARAMS, lists comma-separated in canonical order.
 */
export function leadListSearchParams(state: LeadListState): URLSearchParams {
  const f = state.filter;
  const out = new URLSearchParams();
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== "") out.set(name, value);
  };
  const list = <V extends string>(values: readonly V[] | undefined, all: readonly V[], slug: (v: V) => string) =>
    values?.length ? all.filter((v) => values.includes(v)).map(slug).join(",") : undefined;
  put(LEAD_LIST_PARAMS.kind, f.kind ? ENTITY_KIND_SLUGS[f.kind] : undefined);
  put(LEAD_LIST_PARAMS.regionCodes, f.regionCodes?.length ? [...new Set(f.regionCodes)].join(",") : undefined);
  put(LEAD_LIST_PARAMS.scales, list(f.scales, BUSINESS_SCALES, (s) => SCALE_SLUGS[s]));
  put(LEAD_LIST_PARAMS.statuses, list(f.statuses, BUSINESS_STATUSES, (s) => BUSINESS_STATUS_SLUGS[s]));
  put(LEAD_LIST_PARAMS.all, f.all ? "1" : undefined);
  put(LEAD_LIST_PARAMS.sources, list(f.sources as readonly (typeof SOURCE_IDS)[number][] | undefined, SOURCE_IDS, (s) => s));
  put(LEAD_LIST_PARAMS.kbliSection, f.kbliSection);
  put(LEAD_LIST_PARAMS.kbli, f.kbli);
  put(LEAD_LIST_PARAMS.workersMin, f.workersMin?.toString());
  put(LEAD_LIST_PARAMS.workersMax, f.workersMax?.toString());
  put(LEAD_LIST_PARAMS.gapMin, f.gapMin?.toString());
  put(LEAD_LIST_PARAMS.followUpStatuses, list(f.followUpStatuses, FOLLOW_UP_FILTER_VALUES, (s) => FOLLOW_UP_SLUGS[s]));
  put(LEAD_LIST_PARAMS.assignedTo, f.assignedTo);
  put(LEAD_LIST_PARAMS.q, f.q);
  put(LEAD_LIST_PARAMS.qToken, f.qToken);
  if (state.sort !== defaultLeadSort(f)) put(LEAD_LIST_PARAMS.sort, state.sort);
  if (state.direction !== LEAD_SORT_DEFAULT_DIRECTION[state.sort]) put(LEAD_LIST_PARAMS.direction, state.direction === "asc" ? "naik" : "turun");
  put(LEAD_LIST_PARAMS.cursor, state.cursor ?? undefined);
  if (state.cursor && state.back?.length) out.set(LEAD_LIST_PARAMS.back, state.back.join("."));
  const columns = LEAD_LIST_COLUMNS.filter((c) => state.columns.includes(c));
  const isDefault = columns.length === DEFAULT_LEAD_COLUMNS.length && columns.every((c) => DEFAULT_LEAD_COLUMNS.includes(c));
  if (!isDefault) put(LEAD_LIST_PARAMS.columns, columns.map((c) => c.toLowerCase()).join(","));
  return out;
}

/** `/prospek?…` for a state (no `?` when everything is default). */
export function leadListHref(state: LeadListState, path = "/prospek"): string {
  const query = leadListSearchParams(state).toString();
  return query ? `${path}?${query}` : path;
}

/** The default state: every lead in scope, by priority. */
export function emptyLeadListState(): LeadListState {
  return { filter: {}, sort: "prioritas", direction: "desc", cursor: null, columns: DEFAULT_LEAD_COLUMNS };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export { SCALE_SLUGS as LEAD_SCALE_SLUGS, FOLLOW_UP_SLUGS as LEAD_FOLLOW_UP_SLUGS, FOLLOW_UP_FILTER_VALUES };
