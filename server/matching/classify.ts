import "server-only";
import type { BusinessStatus } from "@/server/db/generated/enums.ts";
import { priorityScore } from "./priority.ts";
import type { MatchRecord } from "./types.ts";

/**
 * What Jangkau concludes about one resolved business: its best-known identity and contacts
 * (each field from the source that knows it best), its JKN registration from the BPJS registry,
 * the worker gap and the priority score.
 *
 * Registration: a bpjs-bu record saying "sudah terdaftar" makes the business registered —
 * Terdaftar nonaktif when BPJS says inactive, Daftar sebagian when active but Kemnaker reports
 * more workers than are registered, else Terdaftar aktif. Without such a record: Belum terdaftar.
 * The registered count is BPJS's "Jumlah Pekerja" (Lampiran II.1: the employer's workers
 * registered in JKN); Kemnaker's "Jumlah Pekerja" is the workforce. This is the counts rule, for
 * businesses without worker rows: where Kemnaker listed the workers, the match run's worker pass
 * (refresh-worker-status.ts) replaces counts, status and gap with exact ones.
 */

/** Fields a business takes from its best record as they are, plus what Jangkau concludes. */
export type BusinessFacts = Pick<
  MatchRecord,
  | "legalForm"
  | "npwp"
  | "nib"
  | "kodeWlkp"
  | "kodeBadanUsaha"
  | "provinceCode"
  | "regencyCode"
  | "districtCode"
  | "villageCode"
  | "address"
  | "postcode"
  | "phone"
  | "email"
  | "workerCount"
  | "registeredWorkers"
  | "businessScale"
  | "kbli"
> & {
  name: string;
  nameCore: string;
  workerGap: number | null;
  status: BusinessStatus;
  isLead: boolean;
  priority: number;
  sources: string[];
  latestPeriod: string;
};

/** Which source to believe first, per kind of field. */
const IDENTITY_ORDER = ["ahu-entitas", "kemnaker-bu", "bpjs-bu"] as const;
const CONTACT_ORDER = ["kemnaker-bu", "bpjs-bu", "ahu-entitas"] as const;

export function classifyBusiness(members: readonly MatchRecord[], newestPeriod: string): BusinessFacts {
  const identity = ordered(members, IDENTITY_ORDER);
  const contact = ordered(members, CONTACT_ORDER);
  const pick = <K extends keyof MatchRecord>(list: readonly MatchRecord[], field: K): MatchRecord[K] | null => {
    for (const r of list) if (r[field] !== null && r[field] !== "") return r[field];
    return null;
  };
  const named = identity[0]!;
  // The most precise location wins: a village code beats a regency resolved from a name.
  const located = [...contact].sort((a, b) => regionDepth(b) - regionDepth(a))[0]!;

  const kemnaker = members.filter((r) => r.source === "kemnaker-bu");
  const bpjs = members.filter((r) => r.source === "bpjs-bu");
  const registeredRecords = bpjs.filter((r) => r.registered === true);
  const registeredWorkers = maxOf(registeredRecords.map((r) => r.registeredWorkers));
  // Without Kemnaker's figure, the workers BPJS registers are the least the business employs.
  const workerCount = maxOf(kemnaker.map((r) => r.workerCount)) ?? maxOf(bpjs.map((r) => r.workerCount)) ?? registeredWorkers;

  let status: BusinessStatus = "BELUM_TERDAFTAR";
  if (registeredRecords.length > 0) {
    const active = registeredRecords.some((r) => r.active !== false);
    if (!active) status = "TERDAFTAR_NONAKTIF";
    else if (workerCount !== null && registeredWorkers !== null && workerCount > registeredWorkers) status = "DAFTAR_SEBAGIAN";
    else status = "TERDAFTAR_AKTIF";
  }
  // A business not registered at all has 0 registered workers; a registered one whose registered
  // count BPJS did not report has a gap nobody knows, which is stored as unknown rather than as 0.
  const registeredKnown = registeredRecords.length > 0 ? registeredWorkers : 0;
  const workerGap = workerCount === null || registeredKnown === null ? null : Math.max(0, workerCount - registeredKnown);
  const isLead = status !== "TERDAFTAR_AKTIF";
  const sources = [...new Set(members.map((r) => r.source))].sort();
  const latestPeriod = members.reduce((max, r) => (r.period > max ? r.period : max), members[0]!.period);
  const facts = {
    name: named.name,
    nameCore: named.core,
    legalForm: pick(identity, "legalForm"),
    npwp: pick(identity, "npwp"),
    nib: pick(identity, "nib"),
    kodeWlkp: pick(kemnaker, "kodeWlkp"),
    kodeBadanUsaha: pick(bpjs, "kodeBadanUsaha"),
    provinceCode: located.provinceCode,
    regencyCode: located.regencyCode,
    districtCode: located.districtCode,
    villageCode: located.villageCode,
    address: pick(contact, "address"),
    postcode: pick(contact, "postcode"),
    phone: pick(contact, "phone"),
    email: pick(contact, "email"),
    workerCount,
    registeredWorkers,
    workerGap,
    businessScale: pick(contact, "businessScale"),
    kbli: pick(contact, "kbli"),
    status,
    isLead,
    sources,
    latestPeriod,
  };
  return { ...facts, priority: isLead ? priorityScore(facts, newestPeriod) : 0 };
}

function ordered(members: readonly MatchRecord[], order: readonly string[]): MatchRecord[] {
  return [...members].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source) || (b.period > a.period ? 1 : b.period < a.period ? -1 : 0));
}

function regionDepth(r: MatchRecord): number {
  return r.villageCode ? 4 : r.districtCode ? 3 : r.regencyCode ? 2 : r.provinceCode ? 1 : 0;
}

function maxOf(values: readonly (number | null)[]): number | null {
  let max: number | null = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}
