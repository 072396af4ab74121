import "server-only";
import { parseOfficerCell } from "@/server/ingest/sources/officer-list.ts";
import type { BusinessStatusValue } from "@/lib/leads/business-status.ts";
import { CLOSED_BY_IMPORT, type ActivityKindValue, type FollowUpStatusValue } from "@/lib/leads/follow-up.ts";
import { legalFormText } from "@/lib/leads/lead-columns.ts";
import { leadFieldColumn, type EntityKindValue } from "@/lib/leads/entity-kind.ts";
import { maskPersonal, personalKindOf, type MaskedValue, type PersonalColumn, type PersonalKind } from "@/lib/personal-data.ts";
import { isSourceId, SOURCE_LABELS } from "@/lib/sources.ts";
import { BUSINESS_REGION_FIELDS, regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db, dbPool } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { findBatchesById } from "@/server/ingest/find-batches-by-id.ts";
import { originalCells } from "@/server/ingest/raw-cells.ts";
import { findRegionAncestors } from "@/server/regions/find-region-ancestors.ts";
import { priorityBreakdown, type PriorityBreakdown } from "@/server/matching/priority.ts";

/**
 * Everything the lead page shows about one business, as a DTO: identity, registration status and
 * worker gap, priority with its parts, region names, contact, every source record behind it (raw
 * values under the source's own column labels, and how the record was linked), pengurus and
 * sekutu, the follow-up and its activity timeline. Personal values (NIK, mobile numbers, personal
 * emails) are in it masked only; `loadLead` keeps their clear values for the audited reveal.
 * A business outside the actor's region scope is not found, exactly like one that does not exist.
 */

/** A value that may be personal: plain text, or masked with a key to reveal it by. */
export type DisplayValue = string | MaskedValue;

export interface LeadSourceRecordDto {
  id: string;
  source: string;
  sourceLabel: string;
  period: string;
  fileName: string | null;
  line: number;
  rule: string;
  ruleLabel: string;
  score: number | null;
  nameSimilarity: number | null;
  agree: string[];
  disagree: string[];
  values: { label: string; value: DisplayValue }[];
}

export interface LeadOfficerDto {
  id: string;
  name: string;
  position: string | null;
  period: string;
  email: DisplayValue | null;
  phone: DisplayValue | null;
  nik: DisplayValue | null;
}

export interface LeadActivityDto {
  id: string;
  kind: ActivityKindValue;
  occurredOn: string;
  outcome: string | null;
  note: string | null;
  statusFrom: FollowUpStatusValue | null;
  statusTo: FollowUpStatusValue | null;
  actorUsername: string;
  createdAt: string;
}

export interface LeadFollowUpDto {
  status: FollowUpStatusValue;
  assignedToId: string | null;
  assignedToName: string | null;
  assignedToUsername: string | null;
  assignedAt: string | null;
  dueDate: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** "Ditutup otomatis: terdaftar menurut impor 2026-S1" when an import closed it. */
  closedByImportNote: string | null;
}

export interface LeadDetail {
  id: string;
  name: string;
  kind: EntityKindValue;
  /** A notary's NIK (from AHU's notary record), masked; null for a business. */
  nik: DisplayValue | null;
  legalForm: string | null;
  npwp: DisplayValue | null;
  nib: string | null;
  kodeWlkp: string | null;
  kodeBadanUsaha: string | null;
  kbli: string | null;
  businessScale: string | null;
  status: BusinessStatusValue;
  isLead: boolean;
  workerCount: number | null;
  registeredWorkers: number | null;
  workerGap: number | null;
  priority: number;
  priorityBreakdown: PriorityBreakdown;
  newestPeriod: string;
  latestPeriod: string;
  sources: string[];
  updatedAt: string;
  region: { level: string; code: string; name: string | null }[];
  regionCode: string | null;
  contact: {
    address: string | null;
    postcode: string | null;
    phone: DisplayValue | null;
    email: DisplayValue | null;
    persons: { name: string | null; phone: DisplayValue | null; sourceLabel: string }[];
  };
  records: LeadSourceRecordDto[];
  officers: LeadOfficerDto[];
  followUp: LeadFollowUpDto | null;
  activities: LeadActivityDto[];
  /** How many values are masked on the page (the reveal button shows only when there are some). */
  maskedCount: number;
}

export const RULE_LABELS: Record<string, string> = {
  dasar: "Catatan dasar badan usaha",
  npwp: "NPWP sama",
  nib: "NIB sama",
  kode: "Kode WLKP/badan usaha sama",
  nama: "Nama mirip dalam kabupaten/kota yang sama",
  tinjauan: "Dikonfirmasi di Tinjauan Pencocokan",
  "npwp-entitas": "NPWP entitas",
};

const REGION_LEVEL_LABELS = { province: "Provinsi", regency: "Kabupaten/Kota", district: "Kecamatan", village: "Kelurahan/Desa" } as const;

/** The lead with its clear personal values beside the DTO (server-side only). */
export interface LoadedLead {
  detail: LeadDetail;
  /** Clear values by the key their masked value carries. */
  personal: Map<string, { kind: PersonalKind; clear: string }>;
}

/**
 * The regions `codes` names: from the process's region cache when they are one path (a business's
 * codes from its province down), else from the table (codes that do not nest).
 */
async function regionsNamed(codes: string[]): Promise<{ code: string; name: string }[]> {
  const deepest = codes.at(-1);
  const path = deepest ? await findRegionAncestors({ code: deepest }) : [];
  if (codes.every((code) => path.some((r) => r.code === code))) return path;
  return db.region.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } });
}

/**
 * The lead's follow-up with its assignee's name, and the newest period any import brought (the
 * priority's recency part is measured against it): one statement on the pool where Prisma sent
 * three, each with its own work in this process on every lead page view.
 */
async function findFollowUpAndNewestPeriod(businessId: bigint): Promise<{ followUp: Omit<LeadFollowUpDto, "closedByImportNote"> | null; newestPeriod: string | null }> {
  const {
    rows: [row],
  } = await dbPool().query<{
    newest_period: string | null;
    status: FollowUpStatusValue | null;
    assigned_to_id: string | null;
    assignee_name: string | null;
    assignee_username: string | null;
    assigned_at: Date | null;
    due_date: string | null;
    closed_at: Date | null;
    closed_by: string | null;
  }>(
    `SELECT (SELECT max(period) FROM import_batch) AS newest_period, f.status::text AS status, f.assigned_to_id::text AS assigned_to_id,
       u.name AS assignee_name, u.username AS assignee_username, f.assigned_at, to_char(f.due_date, 'YYYY-MM-DD') AS due_date, f.closed_at, f.closed_by
     FROM (SELECT $1::bigint AS business_id) lead
     LEFT JOIN lead_follow_up f ON f.business_id = lead.business_id
     LEFT JOIN app_user u ON u.id = f.assigned_to_id`,
    [String(businessId)],
  );
  const followUp = row?.status
    ? {
        status: row.status,
        assignedToId: row.assigned_to_id,
        assignedToName: row.assigned_to_id ? row.assignee_name : null,
        assignedToUsername: row.assigned_to_id ? row.assignee_username : null,
        assignedAt: row.assigned_at?.toISOString() ?? null,
        dueDate: row.due_date,
        closedAt: row.closed_at?.toISOString() ?? null,
        closedBy: row.closed_by,
      }
    : null;
  return { followUp, newestPeriod: row?.newest_period ?? null };
}

export async function loadLead(businessId: bigint, scope: RegionScope): Promise<LoadedLead | null> {
  const business = await db.business.findFirst({ where: { id: businessId, ...regionScopeWhere(scope, BUSINESS_REGION_FIELDS) } });
  if (!business) return null;

  // What depends on the business alone is read at once; under load every sequential round trip
  // of a page waits for the CPU again.
  const regionCodes = [business.provinceCode, business.regencyCode, business.districtCode, business.villageCode];
  const [links, { followUp, newestPeriod: newest }, activities, regions] = await Promise.all([
    db.businessRecord.findMany({ where: { businessId } }),
    findFollowUpAndNewestPeriod(businessId),
    db.leadActivity.findMany({ where: { businessId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 }),
    regionsNamed(regionCodes.filter((c): c is string => c !== null)),
  ]);
  const linkById = new Map(links.map((l) => [l.sourceRecordId, l]));
  const records = await db.sourceRecord.findMany({
    where: { id: { in: links.map((l) => l.sourceRecordId) } },
    orderBy: [{ source: "asc" }, { id: "asc" }],
  });
  const batchOf = await findBatchesById(records.map((r) => r.batchId));

  const personal = new Map<string, { kind: PersonalKind; clear: string }>();
  const mask = (key: string, kind: PersonalKind, clear: string): MaskedValue => {
    personal.set(key, { kind, clear });
    return { key, kind, masked: maskPersonal(kind, clear) };
  };
  const maybe = (key: string, kind: PersonalKind, clear: string | null | undefined): MaskedValue | null =>
    clear ? mask(key, kind, clear) : null;
  /** A business field: masked (and revealable) when the one rule calls its value personal. */
  const ifPersonal = (key: string, clear: string | null, column?: PersonalColumn): DisplayValue | null => {
    const kind = clear === null ? null : personalKindOf(clear, column);
    return kind ? mask(key, kind, clear!) : clear;
  };

  const sourceRecords: LeadSourceRecordDto[] = [];
  const officers: LeadOfficerDto[] = [];
  const persons: LeadDetail["contact"]["persons"] = [];
  for (const r of records) {
    const link = linkById.get(r.id)!;
    const extra = (r.extra ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof extra[name] === "string" ? (extra[name] as string) : null);
    const sourceLabel = isSourceId(r.source) ? SOURCE_LABELS[r.source] : r.source;
    if (r.source === "ahu-pengurus") {
      officers.push({
        id: String(r.id),
        name: r.name ?? "(tanpa nama)",
        position: text("position"),
        period: batchOf(r.batchId).period,
        email: maybe(`o${r.id}:email`, "email", r.email),
        phone: maybe(`o${r.id}:phone`, "phone", r.phone),
        nik: maybe(`o${r.id}:nik`, "nik", r.nik),
      });
      continue;
    }
    // Officers written in the entity file's Pengurus dan Sekutu cell: names and positions only;
    // their e-mail and mobile number come with the separate pengurus file.
    parseOfficerCell(r.source === "ahu-entitas" ? (text("officers") ?? undefined) : undefined).forEach((officer, i) =>
      officers.push({ id: `${r.id}:${i}`, name: officer.name, position: officer.position, period: batchOf(r.batchId).period, email: null, phone: null, nik: null }),
    );
    const contactPhone = text("contactPhone");
    if (text("contactName") || contactPhone) {
      persons.push({ name: text("contactName"), phone: maybe(`c${r.id}:phone`, "phone", contactPhone), sourceLabel });
    }
    const values = originalCells(r.source, r, r.raw).flatMap(({ column, text }, i) => {
      if (text === "") return [];
      const label = column?.label ?? `Kolom ${i + 1}`;
      // The one rule: the column's personal flag or the value's shape, so a webmail address or a
      // mobile number in a business column ("Alamat Email Badan Usaha") is masked too.
      const kind = personalKindOf(text, column);
      return [{ label, value: kind ? mask(`r${r.id}:${i}`, kind, text) : text }];
    });
    const evidence = (link.evidence ?? {}) as { name?: number; agree?: string[]; disagree?: string[] };
    sourceRecords.push({
      id: String(r.id),
      source: r.source,
      sourceLabel,
      period: batchOf(r.batchId).period,
      fileName: batchOf(r.batchId).fileName,
      line: r.line,
      rule: link.rule,
      ruleLabel: RULE_LABELS[link.rule] ?? link.rule,
      score: link.score,
      nameSimilarity: typeof evidence.name === "number" ? evidence.name : null,
      agree: Array.isArray(evidence.agree) ? evidence.agree.map(String) : [],
      disagree: Array.isArray(evidence.disagree) ? evidence.disagree.map(String) : [],
      values,
    });
  }

  const newestPeriod = newest ?? business.latestPeriod;
  const closedByImport = followUp?.closedBy === CLOSED_BY_IMPORT;
  const conversionNote = closedByImport
    ? (activities.find((a) => a.kind === "CATATAN_SISTEM" && a.statusTo === "TERDAFTAR" && a.actorUsername === SYSTEM_ACTOR.username)?.note ?? null)
    : null;

  const detail: LeadDetail = {
    id: String(business.id),
    name: business.name,
    kind: business.kind,
    nik: business.kind === "NOTARIS" ? maybe("b:nik", "nik", records.find((r) => r.source === "ahu-notaris" && r.nik)?.nik) : null,
    legalForm: legalFormText(business.legalForm),
    npwp: ifPersonal("b:npwp", business.npwp, leadFieldColumn(business.kind, "npwp")),
    nib: business.nib,
    kodeWlkp: business.kodeWlkp,
    kodeBadanUsaha: business.kodeBadanUsaha,
    kbli: business.kbli,
    businessScale: business.businessScale,
    status: business.status,
    isLead: business.isLead,
    workerCount: business.workerCount,
    registeredWorkers: business.registeredWorkers,
    workerGap: business.workerGap,
    priority: business.priority,
    priorityBreakdown: priorityBreakdown(business, newestPeriod),
    newestPeriod,
    latestPeriod: business.latestPeriod,
    sources: business.sources,
    updatedAt: business.updatedAt.toISOString(),
    region: (Object.keys(REGION_LEVEL_LABELS) as (keyof typeof REGION_LEVEL_LABELS)[]).flatMap((level, i) => {
      const code = regionCodes[i];
      return code ? [{ level: REGION_LEVEL_LABELS[level], code, name: regions.find((r) => r.code === code)?.name ?? null }] : [];
    }),
    regionCode: business.villageCode ?? business.districtCode ?? business.regencyCode ?? business.provinceCode,
    contact: {
      address: business.address,
      postcode: business.postcode,
      // A mobile number is a person's; a business's office landline stays visible, a notary's not.
      phone: ifPersonal("b:phone", business.phone, leadFieldColumn(business.kind, "phone")),
      // A business address on a free webmail domain is a person's; a notary's any address.
      email: ifPersonal("b:email", business.email, leadFieldColumn(business.kind, "email")),
      persons,
    },
    records: sourceRecords,
    officers,
    followUp: followUp && { ...followUp, closedByImportNote: closedByImport ? (conversionNote ?? "Ditutup otomatis: terdaftar menurut impor data BPJS") : null },
    activities: activities.map((a) => ({
      id: String(a.id),
      kind: a.kind,
      occurredOn: a.occurredOn.toISOString().slice(0, 10),
      outcome: a.outcome,
      note: a.note,
      statusFrom: a.statusFrom,
      statusTo: a.statusTo,
      actorUsername: a.actorUsername,
      createdAt: a.createdAt.toISOString(),
    })),
    maskedCount: personal.size,
  };
  return { detail, personal };
}

export interface GetLeadDetailOptions {
  businessId: bigint;
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
}

/** The lead page's data, or null (not found, or outside the scope); opening it is audited. */
export async function getLeadDetail({ businessId, scope, actor, context }: GetLeadDetailOptions): Promise<LeadDetail | null> {
  const loaded = await loadLead(businessId, scope);
  if (!loaded) {
    // The caller sees "not found" either way; the trail records a lookup of another region's lead.
    if (await db.business.count({ where: { id: businessId } })) {
      await recordAuditEvent({ action: "access.deny", outcome: "DENIED", actor, context, objectType: "business", objectId: String(businessId), reason: "outside_region_scope" });
    }
    return null;
  }
  await recordAuditEvent({
    action: "lead.view",
    actor,
    context,
    objectType: "business",
    objectId: loaded.detail.id,
    region: loaded.detail.regionCode ?? undefined,
  });
  return loaded.detail;
}
