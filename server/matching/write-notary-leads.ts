import "server-only";
import type pg from "pg";
import { parseBusinessName } from "@/lib/names/business-name.ts";
import { copyInLines } from "@/server/db/copy-in.ts";
import type { BusinessStatus, NotaryJknStatus } from "@/server/db/generated/enums.ts";
import { copyValue } from "@/server/ingest/copy-text.ts";
import type { BusinessFacts } from "./classify.ts";
import { assignBusinessIds, businessIdOf } from "./business-ids.ts";
import { priorityScore } from "./priority.ts";
import { BUSINESS_COLUMNS, businessLine, LINK_COLUMNS, upsertBusinesses } from "./write-results.ts";

/**
 * Notaries as leads. A notary's office employs staff, so a notary BPJS does not register, or
 * registers as inactive, is a lead for the same officers as a business: one `business` row of
 * kind NOTARIS per current notary (one per NIK), written from the current ahu-notaris records and
 * their `notary_status` (refreshed just before, in the same transaction). Never through name or
 * identifier matching: a notary is never merged with a business, nor a business with a notary.
 *
 * - Status: Tidak terdaftar → Belum terdaftar, Tidak aktif → Terdaftar nonaktif, Aktif →
 *   Terdaftar aktif (not a lead, kept so the dashboard counts every notary and an open follow-up
 *   closes when the notary registers); priority by priority.ts like any lead.
 * - Region: the province and regency/city of the notary's work area, so the region scope rule
 *   shows it to the officers of that area only.
 * - Id: derived from the notary's fingerprint (from the NIK), as a business's from its records
 *   (business-ids.ts), so follow-up work stays attached across runs and periods; the records are
 *   linked through business_record (source ahu-notaris) under that fingerprint. A notary gone from the registry's
 *   current period loses its row; its follow-up rows stay, unreachable from the lists, as a
 *   vanished business's do.
 */

const STATUS: Readonly<Record<NotaryJknStatus, BusinessStatus>> = {
  TIDAK_TERDAFTAR: "BELUM_TERDAFTAR",
  TIDAK_AKTIF: "TERDAFTAR_NONAKTIF",
  AKTIF: "TERDAFTAR_AKTIF",
};

/** The stable identity of a notary's records across imports and periods. */
export function notaryFingerprint(nik: string): string {
  return `ahu-notaris/nik/${nik}`;
}

interface NotaryRow {
  nik: string;
  record_ids: string[];
  name: string | null;
  npwp: string | null;
  province_code: string | null;
  regency_code: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  period: string;
  status: NotaryJknStatus;
}

/**
 * Each notary's id from its fingerprint, as a business's comes from its anchor (business-ids.ts):
 * the same registry gives the same ids whatever the order of imports. An id a business already
 * holds (a hash collision: about one in 10^5 national registries) takes the next attempt.
 */
async function notaryIds(client: pg.ClientBase, fingerprints: readonly string[]): Promise<bigint[]> {
  const clusters = fingerprints.map((fp) => [fp]);
  const { rows } = await client.query<{ id: string }>(`SELECT id::text FROM business WHERE kind = 'BADAN_USAHA' AND id = ANY($1::bigint[])`, [
    fingerprints.map((fp) => String(businessIdOf(fp))),
  ]);
  return assignBusinessIds(clusters, new Set(rows.map((r) => BigInt(r.id))));
}

export async function writeNotaryLeads(client: pg.ClientBase, runId: number): Promise<{ notaries: number; leads: number }> {
  // Per NIK the newest record speaks for the notary; every current record of it is linked. The
  // records of a NIK are grouped once (a subquery per notary scanned all notaries: 36 s at 17,000).
  const { rows } = await client.query<NotaryRow>(
    `WITH current AS (
       SELECT r.nik, r.id, r.name, r.npwp, r.province_code, r.regency_code, r.address, r.phone, r.email, ib.period, ns.status
       FROM notary_status ns JOIN source_record r ON r.id = ns.source_record_id JOIN import_batch ib ON ib.id = r.batch_id),
     records AS (SELECT nik, array_agg(id::text ORDER BY id) AS record_ids FROM current GROUP BY nik)
     SELECT DISTINCT ON (c.nik) c.nik, c.name, c.npwp, c.province_code, c.regency_code, c.address, c.phone, c.email, c.period,
            c.status::text AS status, g.record_ids
     FROM current c JOIN records g ON g.nik = c.nik
     ORDER BY c.nik, c.id DESC`,
  );
  const ids = (await notaryIds(client, rows.map((r) => notaryFingerprint(r.nik)))).map(String);

  await client.query(`DELETE FROM business_record WHERE source = 'ahu-notaris'`);
  await client.query(`DELETE FROM business WHERE kind = 'NOTARIS' AND NOT (id = ANY($1::bigint[]))`, [ids]);

  const newestPeriod = rows.reduce((max, r) => (r.period > max ? r.period : max), "");
  let leads = 0;
  const lines = rows.map((r, i) => {
    const facts = notaryFacts(r, newestPeriod);
    if (facts.isLead) leads++;
    return businessLine(BigInt(ids[i]!), facts, r.record_ids.length, runId, "NOTARIS");
  });
  await client.query(`CREATE TEMP TABLE tmp_notary_business (LIKE business INCLUDING DEFAULTS) ON COMMIT DROP`);
  await copyInLines(client, `tmp_notary_business (${BUSINESS_COLUMNS.join(", ")})`, lines);
  await upsertBusinesses(client, "tmp_notary_business");
  await copyInLines(
    client,
    `business_record (${LINK_COLUMNS})`,
    rows.flatMap((r, i) =>
      r.record_ids.map((recordId) => [recordId, ids[i]!, "ahu-notaris", notaryFingerprint(r.nik), "dasar", null, "{}"].map(copyValue).join("\t")),
    ),
  );
  return { notaries: rows.length, leads };
}

function notaryFacts(r: NotaryRow, newestPeriod: string): BusinessFacts {
  // AHU may leave the name out (the agreement does not list it); the lead page still shows the
  // notary's masked NIK and work area.
  const name = r.name?.trim() || "Notaris (nama tidak dikirim)";
  const status = STATUS[r.status];
  const isLead = status !== "TERDAFTAR_AKTIF";
  const facts: Omit<BusinessFacts, "priority"> = {
    name,
    nameCore: parseBusinessName(name).core || name.toUpperCase(),
    legalForm: null,
    npwp: r.npwp,
    nib: null,
    kodeWlkp: null,
    kodeBadanUsaha: null,
    provinceCode: r.province_code,
    regencyCode: r.regency_code,
    districtCode: null,
    villageCode: null,
    address: r.address,
    postcode: null,
    phone: r.phone,
    email: r.email,
    workerCount: null,
    registeredWorkers: null,
    workerGap: null,
    businessScale: null,
    kbli: null,
    status,
    isLead,
    sources: ["ahu-notaris"],
    latestPeriod: r.period,
  };
  return { ...facts, priority: isLead ? priorityScore(facts, newestPeriod) : 0 };
}
