import "server-only";
import {
  ahuEntityStatus,
  ahuNotaryStatus,
  jknSegmentLabel,
  kemnakerActivityStatus,
  kemnakerJknStatus,
  kemnakerWorkerStatus,
  partnerStatusRequestSchema,
  type JknAnswer,
} from "@/lib/balikan.ts";
import { parseNik } from "@/lib/identifiers/nik.ts";
import { maskIfPersonal } from "@/lib/personal-data.ts";
import { parseNpwp } from "@/lib/identifiers/npwp.ts";
import { okValueOrNull } from "@/lib/identifiers/parse-result.ts";
import type { PartnerSelfCaller } from "@/server/access/partner-key-guard.ts";
import { recordAuditEvent } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { ApiProblem, jsonResponse } from "@/server/http/api-problem.ts";
import { parseJsonBody, requireJson } from "@/server/http/parse-json-body.ts";
import { readLimitedBody } from "@/server/http/read-limited-body.ts";
import { CURRENT_PESERTA_CTE, jsonBoolean, notarySegmentSql, participantByNikJoin } from "./balikan-rows.ts";

/** 1,000 identifiers of ≤ 40 characters each, quoted, in two lists: well under 100 KB. */
const MAX_STATUS_BODY_BYTES = 100_000;

/**
 * The status web service: a partner looks up, by NPWP and by NIK, what BPJS returns to it under
 * its agreement — and only that. Only records the partner itself sent are answered (an
 * identifier it never sent is `found: false`, exactly like one that exists nowhere, saying
 * nothing of BPJS's registry), and only the agreed elements: AHU gets nama entitas, NPWP, status
 * and for notaries NIK, NPWP, status, segmen; Kemnaker gets NIB, NPWP, Status terdaftar JKN and
 * Status keaktifan BU of its businesses, and the Lampiran II.2 fields of its workers. Each call
 * is audited as `partner_api.status` (key, partner, counts — no identifiers).
 */
export async function lookupPartnerStatus(caller: PartnerSelfCaller, request: Request): Promise<Response> {
  const audit = (outcome: "SUCCESS" | "FAILURE", details: Record<string, unknown>, reason?: string) => ({
    action: "partner_api.status" as const,
    actor: caller.actor,
    outcome,
    reason,
    objectType: "partner_api",
    objectId: caller.key.partner,
    details: { keyId: caller.key.id, keyPrefix: caller.key.prefix, partner: caller.key.partner, ...details },
    context: caller.context,
  });
  try {
    requireJson(request.headers.get("content-type"));
    const body = parseJsonBody(await readLimitedBody(request, MAX_STATUS_BODY_BYTES), partnerStatusRequestSchema);
    if (!body.npwp.length && !body.nik.length) throw new ApiProblem(400, "empty_lookup", "Tidak ada yang dicari", "Isi npwp dan/atau nik dengan paling sedikit satu nilai.");

    const npwps = body.npwp.map((input) => ({ input, value: okValueOrNull(parseNpwp(input)) }));
    const niks = body.nik.map((input) => ({ input, value: okValueOrNull(parseNik(input)) }));
    const answer =
      caller.key.partner === "ahu"
        ? { partner: "ahu", entitas: await ahuEntities(npwps), notaris: await ahuNotaries(niks) }
        : { partner: "kemnaker", badanUsaha: await kemnakerBusinesses(npwps), pekerja: await kemnakerWorkers(niks) };
    const found = Object.values(answer)
      .flatMap((value) => (Array.isArray(value) ? value : []))
      .filter((item) => item.found).length;
    await recordAuditEvent(audit("SUCCESS", { npwpCount: body.npwp.length, nikCount: body.nik.length, found }));
    return jsonResponse(200, answer, { "Cache-Control": "no-store" });
  } catch (error) {
    await recordAuditEvent(audit("FAILURE", {}, error instanceof ApiProblem ? error.code : "error")).catch(() => undefined);
    throw error;
  }
}

interface Lookup {
  input: string;
  value: string | null;
}

const valid = (lookups: Lookup[]) => [...new Set(lookups.flatMap((l) => (l.value ? [l.value] : [])))];

/**
 * One answer per identifier asked, in order: the partner's own record found by `sql` ($1 = the
 * valid identifiers, one row per identifier in `idColumn`), shaped by `present`; otherwise
 * `found: false`, with `error` when the identifier could not be read.
 */
async function answerEach<Row extends Record<string, unknown>>(
  lookups: Lookup[],
  field: "npwp" | "nik",
  sql: string,
  present: (row: Row) => Record<string, unknown>,
) {
  const values = valid(lookups);
  const rows = values.length ? await db.$queryRawUnsafe<Row[]>(sql, values) : [];
  const byId = new Map(rows.map((row) => [row[field] as string, row]));
  return lookups.map(({ input, value }) => {
    const row = value ? byId.get(value) : undefined;
    // Answers come in the order asked, so the partner matches them by position: the identifier
    // echoed back is masked when it is personal (a NIK, an NPWP that is a NIK) like every other
    // way out of the server, and the answer never becomes a copy of the partner's query.
    if (!row) return { [field]: maskIfPersonal(value ?? input), found: false, ...(value ? {} : { error: `${field.toUpperCase()} tidak valid` }) };
    return { [field]: maskIfPersonal(row[field] as string), found: true, ...present(row) };
  });
}

/**
 * Partner records with their business, for `WHERE b.npwp = ANY($1)`: found through business.npwp (indexed)
 * rather than source_record.npwp, which has no index so imports stay fast. The same thing,
 * since records with different NPWPs never share a business; `r.npwp = b.npwp` keeps it exact.
 */
const BY_BUSINESS_NPWP = `business b JOIN business_record br ON br.business_id = b.id
     JOIN source_record r ON r.id = br.source_record_id AND r.npwp = b.npwp`;

function ahuEntities(lookups: Lookup[]) {
  return answerEach<{ npwp: string; name: string | null } & JknAnswer>(
    lookups,
    "npwp",
    `SELECT DISTINCT ON (r.npwp) r.npwp, r.name, s.registered, s.active
     FROM ${BY_BUSINESS_NPWP} JOIN balikan_status s ON s.source_record_id = r.id
     WHERE b.npwp = ANY($1::text[]) AND br.source = 'ahu-entitas'
     ORDER BY r.npwp, r.id DESC`,
    (row) => ({ namaEntitas: row.name, status: ahuEntityStatus(row) }),
  );
}

/** Current notaries (those notary_status holds), with the answer the match run wrote for them. */
function ahuNotaries(lookups: Lookup[]) {
  return answerEach<{ nik: string; npwp: string | null; segment: string | null } & JknAnswer>(
    lookups,
    "nik",
    `SELECT DISTINCT ON (r.nik) r.nik, r.npwp, s.registered, s.active,
            ${notarySegmentSql("s", "p")} AS segment
     FROM source_record r JOIN notary_status ns ON ns.source_record_id = r.id
     JOIN balikan_status s ON s.source_record_id = r.id LEFT JOIN source_record p ON p.id = s.bpjs_record_id
     WHERE r.source = 'ahu-notaris' AND r.nik = ANY($1::text[])
     ORDER BY r.nik, r.id DESC`,
    (row) => ({
      npwp: maskIfPersonal(row.npwp),
      status: ahuNotaryStatus(row),
      segmenKepesertaan: jknSegmentLabel(row.segment),
    }),
  );
}

/** NIB as the Kemnaker file gives it: BPJS's record's when BPJS registers the business. */
function kemnakerBusinesses(lookups: Lookup[]) {
  return answerEach<{ npwp: string; nib: string | null } & JknAnswer>(
    lookups,
    "npwp",
    `SELECT DISTINCT ON (r.npwp) r.npwp, CASE WHEN bp.id IS NULL THEN r.nib ELSE bp.nib END AS nib, s.registered, s.active
     FROM ${BY_BUSINESS_NPWP} JOIN balikan_status s ON s.source_record_id = r.id
     LEFT JOIN source_record bp ON bp.id = s.bpjs_record_id
     WHERE b.npwp = ANY($1::text[]) AND br.source = 'kemnaker-bu'
     ORDER BY r.npwp, r.id DESC`,
    (row) => ({
      nib: row.nib,
      statusTerdaftarJkn: kemnakerJknStatus(row),
      statusKeaktifanBadanUsaha: kemnakerActivityStatus(row),
    }),
  );
}

/**
 * Kemnaker's workers by NIK: a NIK Kemnaker sent in a kemnaker-tk row of any period is its own
 * (an older period's worker may still be asked about), answered with its JKN participation as
 * BPJS knows it now — the current bpjs-peserta, as in the Pekerja file of the data balikan. Any
 * other NIK, even one BPJS knows, is `found: false`.
 */
function kemnakerWorkers(lookups: Lookup[]) {
  return answerEach<{
    nik: string;
    passport: string | null;
    kitas: string | null;
    participant: boolean;
    niora: string | null;
    segment: string | null;
    registered: string | null;
    active: string | null;
    year: string | null;
  }>(
    lookups,
    "nik",
    `WITH ${CURRENT_PESERTA_CTE}
     SELECT DISTINCT ON (w.nik) w.nik, w.extra->>'passportNumber' AS passport, w.extra->>'kitas' AS kitas,
            pn.id IS NOT NULL AS participant, pn.niora, pn.segment, pn.registered, pn.active, pn.year
     FROM source_record w
     ${participantByNikJoin("w")}
     WHERE w.source = 'kemnaker-tk' AND w.nik = ANY($1::text[])
     ORDER BY w.nik, w.id DESC`,
    (row) => {
      const status = kemnakerWorkerStatus(
        row.participant ? { registered: jsonBoolean(row.registered), active: jsonBoolean(row.active) } : null,
      );
      return {
        nomorPaspor: row.passport,
        niora: row.participant ? row.niora : null,
        kitas: row.kitas,
        segmentasiKepesertaanJkn: status.registered !== false ? jknSegmentLabel(row.segment) : null,
        statusTerdaftarJkn: status.statusTerdaftarJkn,
        statusAktif: status.statusAktif,
        tahunKepesertaanJkn: status.registered !== false && row.year ? Number(row.year) : null,
      };
    },
  );
}
