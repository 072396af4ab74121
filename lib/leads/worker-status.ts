import { z } from "zod";

/**
 * The JKN status of one worker Kemnaker listed (kemnaker-tk), seen from the employer it was
 * listed under (server/matching writes it into `worker_status`). The literals are Prisma's
 * `WorkerJknStatus` enum, declared here so `lib/` never imports the client
 * (server/leads/find-business-workers.ts checks at compile time that the two agree).
 *
 * Unregistered first: the order officers work them, and the order of the workers table.
 */
export const WORKER_STATUSES = ["BELUM_TERDAFTAR", "SEGMEN_LAIN", "TERDAFTAR_DI_LAIN", "TERDAFTAR_DI_SINI"] as const;
export type WorkerStatusValue = (typeof WORKER_STATUSES)[number];

export const WORKER_STATUS_LABELS: Readonly<Record<WorkerStatusValue, string>> = {
  BELUM_TERDAFTAR: "Belum terdaftar",
  SEGMEN_LAIN: "Terdaftar segmen lain",
  TERDAFTAR_DI_LAIN: "Terdaftar di pemberi kerja lain",
  TERDAFTAR_DI_SINI: "Terdaftar di pemberi kerja ini",
};

/** How a status is written in the lead page's URL (`?pekerja=belum-terdaftar`). */
export const WORKER_STATUS_SLUGS: Readonly<Record<WorkerStatusValue, string>> = {
  BELUM_TERDAFTAR: "belum-terdaftar",
  SEGMEN_LAIN: "segmen-lain",
  TERDAFTAR_DI_LAIN: "di-pemberi-kerja-lain",
  TERDAFTAR_DI_SINI: "di-pemberi-kerja-ini",
};

/**
 * The workers the letter to the employer names: everyone not registered under this employer —
 * not registered at all, registered under another employer, or enrolled in another segment
 * (an employed worker enrolled as PBI or PBPU is a finding in itself).
 */
export const NOT_REGISTERED_HERE: readonly WorkerStatusValue[] = ["BELUM_TERDAFTAR", "SEGMEN_LAIN", "TERDAFTAR_DI_LAIN"];

export function isWorkerStatus(value: unknown): value is WorkerStatusValue {
  return typeof value === "string" && (WORKER_STATUSES as readonly string[]).includes(value);
}

/**
 * A business's Kemnaker workers counted by JKN status (the business's `workers_*` columns, which
 * the match run writes with the worker rows): the lead page's summary and the page count of its
 * workers table, read without counting rows.
 */
export interface WorkerCounts {
  listed: number;
  here: number;
  elsewhere: number;
  otherSegment: number;
  unregistered: number;
}

/** The count of one status (all listed workers for null). */
export function workerCountOf(counts: WorkerCounts, status: WorkerStatusValue | null): number {
  switch (status) {
    case null:
      return counts.listed;
    case "TERDAFTAR_DI_SINI":
      return counts.here;
    case "TERDAFTAR_DI_LAIN":
      return counts.elsewhere;
    case "SEGMEN_LAIN":
      return counts.otherSegment;
    case "BELUM_TERDAFTAR":
      return counts.unregistered;
  }
}

// ── The workers table on the lead page: its state lives in the URL ──────────────────────────
export const WORKER_LIST_PARAMS = { status: "pekerja", page: "halaman_pekerja" } as const;
/** Rows per page: a screenful on a tablet; one page of a 5,000-worker business reads ~50 index entries. */
export const WORKER_PAGE_SIZE = 50;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const STATUS_BY_SLUG = new Map(WORKER_STATUSES.map((s) => [WORKER_STATUS_SLUGS[s], s]));

const workerListQuerySchema = z.object({
  status: z.preprocess(first, z.string().transform((slug) => STATUS_BY_SLUG.get(slug.trim().toLowerCase()) ?? null)).catch(null),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000)).catch(1),
});

/** The workers table's view: a status (null: every worker) and a page, from 1. */
export interface WorkerListQuery {
  status: WorkerStatusValue | null;
  page: number;
}

/** The view from the page's `searchParams`; anything mangled falls back to every worker, first page. */
export function parseWorkerListQuery(searchParams: Record<string, string | string[] | undefined> | URLSearchParams): WorkerListQuery {
  const get = (name: string) => (searchParams instanceof URLSearchParams ? (searchParams.get(name) ?? undefined) : searchParams[name]);
  return workerListQuerySchema.parse({ status: get(WORKER_LIST_PARAMS.status), page: get(WORKER_LIST_PARAMS.page) });
}

/** The link to a view of the lead page's workers table: only what differs from the default, then the section's anchor. */
export function workerListHref(basePath: string, query: WorkerListQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set(WORKER_LIST_PARAMS.status, WORKER_STATUS_SLUGS[query.status]);
  if (query.page > 1) params.set(WORKER_LIST_PARAMS.page, String(query.page));
  const search = params.toString();
  return `${basePath}${search ? `?${search}` : ""}#${WORKERS_SECTION_ID}`;
}

/** The lead page's workers section, the anchor its links return to. */
export const WORKERS_SECTION_ID = "pekerja";

// ── The one-business export of the workers not registered here ──────────────────────────────
export const WORKER_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type WorkerExportFormat = (typeof WORKER_EXPORT_FORMATS)[number];

export function isWorkerExportFormat(value: unknown): value is WorkerExportFormat {
  return typeof value === "string" && (WORKER_EXPORT_FORMATS as readonly string[]).includes(value);
}

/** `/prospek/<id>/pekerja/ekspor?format=csv`. */
export function workerExportHref(businessId: string, format: WorkerExportFormat): string {
  return `/prospek/${businessId}/pekerja/ekspor?format=${format}`;
}
