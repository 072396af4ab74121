import { z } from "zod";
import { jakartaIsoDate } from "../audit-filter.ts";
import { FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_LABELS, type FollowUpStatusValue } from "./follow-up-status.ts";
import { formatCount } from "@/lib/format.ts";
import { LEAD_SELECTION_LIMIT_MESSAGE, LEAD_SELECTION_MAX } from "./lead-selection.ts";

/**
 * The follow-up of a lead (tindak lanjut): statuses, the moves an officer may make between them,
 * the kinds of activity and the forms' schemas — shared by the forms and the server.
 *
 * Status flow: Baru → Dihubungi → Dikunjungi → Bersedia daftar → Terdaftar, forwards only (a
 * step may be skipped: a first visit without a call goes Baru → Dikunjungi); Menolak and Tidak
 * ditemukan from any open status. Terdaftar, Menolak and Tidak ditemukan close the lead. A closed
 * lead takes no more activities from its officer: a supervisor reopens it by assigning it again
 * (back to Baru, history kept); an admin may still record on it (corrections).
 */
export { FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_LABELS, type FollowUpStatusValue } from "./follow-up-status.ts";

/** The forward path; its position decides which moves go forwards. */
const PROGRESS: readonly FollowUpStatusValue[] = ["BARU", "DIHUBUNGI", "DIKUNJUNGI", "BERSEDIA_DAFTAR", "TERDAFTAR"];
export const CLOSED_STATUSES: readonly FollowUpStatusValue[] = ["TERDAFTAR", "MENOLAK", "TIDAK_DITEMUKAN"];
/** The closed statuses as an SQL list (`'TERDAFTAR', 'MENOLAK', 'TIDAK_DITEMUKAN'`: constants only). */
export const CLOSED_STATUSES_SQL = CLOSED_STATUSES.map((s) => `'${s}'`).join(", ");

export function isClosedStatus(status: FollowUpStatusValue): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** The statuses a lead in `from` may move to (not counting staying where it is). */
export function nextStatuses(from: FollowUpStatusValue): FollowUpStatusValue[] {
  if (isClosedStatus(from)) return [];
  const at = PROGRESS.indexOf(from);
  return [...PROGRESS.slice(at + 1), "MENOLAK", "TIDAK_DITEMUKAN"];
}

/** Null when the move is allowed, else why not (Indonesian, for the form). */
export function transitionError(from: FollowUpStatusValue, to: FollowUpStatusValue): string | null {
  if (from === to) return null;
  if (isClosedStatus(from)) return `Prospek sudah ditutup (${FOLLOW_UP_STATUS_LABELS[from]}): minta supervisor menugaskannya kembali untuk membukanya lagi.`;
  if (nextStatuses(from).includes(to)) return null;
  return `Status tidak dapat mundur dari ${FOLLOW_UP_STATUS_LABELS[from]} ke ${FOLLOW_UP_STATUS_LABELS[to]}.`;
}

export const ACTIVITY_KINDS = ["TELEPON", "KUNJUNGAN", "SURAT", "EMAIL", "CATATAN_SISTEM"] as const;
export type ActivityKindValue = (typeof ACTIVITY_KINDS)[number];
/** What an officer records; system notes are written by the app. */
export const RECORDABLE_ACTIVITY_KINDS = ["TELEPON", "KUNJUNGAN", "SURAT", "EMAIL"] as const satisfies readonly ActivityKindValue[];

export const ACTIVITY_KIND_LABELS: Readonly<Record<ActivityKindValue, string>> = {
  TELEPON: "Telepon",
  KUNJUNGAN: "Kunjungan",
  SURAT: "Surat",
  EMAIL: "Email",
  CATATAN_SISTEM: "Catatan sistem",
};

/** Who closes a lead when a later import shows the business registered. */
export const CLOSED_BY_IMPORT = "import";

/** Today's date in WIB as YYYY-MM-DD: officers work in Indonesian time, dates are days there. */
export function todayWib(now: Date = new Date()): string {
  return jakartaIsoDate(now);
}

/**
 * The due date of a lead an officer takes himself: two weeks, the span supervisors most often
 * give when they assign one lead (a visit and a follow-up call).
 */
export const TAKE_DUE_DAYS = 14;

/** `TAKE_DUE_DAYS` after today in WIB, as YYYY-MM-DD. */
export function takeDueDate(now: Date = new Date()): string {
  const day = new Date(`${todayWib(now)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + TAKE_DUE_DAYS);
  return day.toISOString().slice(0, 10);
}

const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), message);

export const BUSINESS_ID_PATTERN = /^[1-9]\d{0,18}$/;
const businessId = z.string().trim().regex(BUSINESS_ID_PATTERN, "Prospek tidak dikenal.");

/** "Ambil prospek ini": the one lead an officer takes. */
export const takeLeadSchema = z.object({ businessId });

export const recordActivitySchema = z.object({
  businessId,
  kind: z.enum(RECORDABLE_ACTIVITY_KINDS, { error: "Pilih jenis kegiatan." }),
  occurredOn: isoDate("Isi tanggal kegiatan.").refine((value) => value <= todayWib(), "Tanggal kegiatan tidak boleh di masa depan."),
  outcome: z.string().trim().min(1, "Isi hasil kegiatan.").max(200, "Hasil paling panjang 200 karakter."),
  note: z.string().trim().max(2000, "Catatan paling panjang 2.000 karakter.").optional().default(""),
  /** Empty: the status stays. */
  newStatus: z.union([z.literal(""), z.enum(FOLLOW_UP_STATUSES)], { error: "Status tidak dikenal." }).optional().default(""),
});
export type RecordActivityInput = z.output<typeof recordActivitySchema>;

/**
 * "Ubah status" on leads picked on the list: the fields "Catat kegiatan" asks for one lead, for
 * each of them, with the new status required (Baru is where leads start, not a move).
 */
export const recordActivityOnLeadsSchema = recordActivitySchema.omit({ businessId: true, newStatus: true }).extend({
  businessIds: z.array(businessId).min(1, "Tidak ada prospek yang dipilih.").max(LEAD_SELECTION_MAX, LEAD_SELECTION_LIMIT_MESSAGE),
  newStatus: z.enum(FOLLOW_UP_STATUSES, { error: "Pilih status baru." }).refine((status) => status !== "BARU", "Pilih status baru."),
});
export type RecordActivityOnLeadsInput = z.output<typeof recordActivityOnLeadsSchema>;

/** Bulk assignments stop here: a larger set is almost always a filter left too wide. */
export const ASSIGN_MAX_LEADS = 5_000;

export const assignLeadsSchema = z
  .object({
  /** The leads picked one by one (the detail page: one). */
  businessIds: z.array(businessId).max(ASSIGN_MAX_LEADS, `Paling banyak ${formatCount(ASSIGN_MAX_LEADS)} prospek sekaligus.`).default([]),
  /** The lead list's query string, for "all leads of the current filter". */
  filterQuery: z.string().max(4000).optional(),
  officerId: z.uuid({ error: "Pilih petugas." }),
  dueDate: isoDate("Isi tenggat.").refine((value) => value >= todayWib(), "Tenggat tidak boleh di masa lalu."),
  /** The count the supervisor confirmed; a different count now means the filter's leads changed. */
  expectedCount: z.coerce.number().int().nonnegative().optional(),
})
  .refine((value) => value.businessIds.length > 0 || value.filterQuery !== undefined, "Tidak ada prospek yang dipilih.")
  .refine((value) => value.filterQuery === undefined || value.expectedCount !== undefined, "Konfirmasi jumlah prospek terlebih dahulu.");
export type AssignLeadsInput = z.output<typeof assignLeadsSchema>;

// ── Tindak Lanjut list: its view lives in the URL ───────────────────────────────────────────
export const FOLLOW_UP_VIEWS = ["terbuka", "terlambat", "ditutup", "semua"] as const;
export type FollowUpView = (typeof FOLLOW_UP_VIEWS)[number];
export const FOLLOW_UP_VIEW_LABELS: Record<FollowUpView, string> = {
  terbuka: "Terbuka",
  terlambat: "Lewat tenggat",
  ditutup: "Ditutup",
  semua: "Semua",
};
export const FOLLOW_UP_PARAMS = { view: "tampil", officer: "petugas", page: "halaman", sort: "urut", direction: "arah" } as const;
export const FOLLOW_UP_PAGE_SIZE = 25;
/** The list's sorts, by the column header that asks for them; soonest due first by default. */
export const FOLLOW_UP_SORTS = ["tenggat", "nama", "status", "petugas", "kegiatan"] as const;
export type FollowUpSort = (typeof FOLLOW_UP_SORTS)[number];
export type FollowUpSortDirection = "asc" | "desc";
/** The direction a first click on a header sorts in: names A–Z, the latest activity first. */
export const FOLLOW_UP_SORT_FIRST_DIRECTION: Record<FollowUpSort, FollowUpSortDirection> = {
  tenggat: "asc",
  nama: "asc",
  status: "asc",
  petugas: "asc",
  kegiatan: "desc",
};

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const followUpQuerySchema = z.object({
  view: z.preprocess(first, z.enum(FOLLOW_UP_VIEWS)).catch("terbuka"),
  officerId: z.preprocess(first, z.uuid().optional()).catch(undefined),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000)).catch(1),
  sort: z.preprocess(first, z.enum(FOLLOW_UP_SORTS)).catch("tenggat"),
  direction: z.preprocess(first, z.enum(["asc", "desc"])).catch("asc"),
});
export type FollowUpQuery = z.output<typeof followUpQuerySchema>;

/** The list's view from the page's `searchParams`; anything mangled falls back to the open leads, first page. */
export function parseFollowUpQuery(searchParams: Record<string, string | string[] | undefined>): FollowUpQuery {
  const p = FOLLOW_UP_PARAMS;
  return followUpQuerySchema.parse({
    view: searchParams[p.view],
    officerId: searchParams[p.officer],
    page: searchParams[p.page],
    sort: searchParams[p.sort],
    direction: searchParams[p.direction],
  });
}

/** The link to a view: only what differs from the default, in a stable order. */
export function followUpQueryHref(basePath: string, query: FollowUpQuery): string {
  const params = new URLSearchParams();
  if (query.view !== "terbuka") params.set(FOLLOW_UP_PARAMS.view, query.view);
  if (query.officerId) params.set(FOLLOW_UP_PARAMS.officer, query.officerId);
  if (query.sort !== "tenggat" || query.direction !== "asc") {
    params.set(FOLLOW_UP_PARAMS.sort, query.sort);
    params.set(FOLLOW_UP_PARAMS.direction, query.direction);
  }
  if (query.page > 1) params.set(FOLLOW_UP_PARAMS.page, String(query.page));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}
