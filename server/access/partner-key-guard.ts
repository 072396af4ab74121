import "server-only";
import { agreementHasEnded } from "@/lib/agreements.ts";
import { isBalikanPartner, type BalikanPartner } from "@/lib/balikan.ts";
import { formatLongDay } from "@/lib/format.ts";
import { todayWib } from "@/lib/leads/follow-up.ts";
import { PARTNER_LABELS, type PartnerId } from "@/lib/partner-api.ts";
import { isSourceId, SOURCE_PARTNER, type SourceId } from "@/lib/sources.ts";
import { calendarDay } from "@/server/agreements/partner-agreement-dto.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import { ApiProblem } from "@/server/http/api-problem.ts";
import { requestContextFrom, type RequestContext } from "@/server/http/request-context.ts";
import { API_KEY_PREFIX_CHARS, hashApiKeySecret, looksLikeApiKey } from "@/server/partners/api-key-secret.ts";
import { failedAuthBuckets, partnerKeyBuckets } from "@/server/partners/rate-limits.ts";

/** The partner calling the web service, once its key has been checked. */
export interface PartnerCaller {
  key: { id: string; partner: PartnerId; prefix: string; name: string };
  source: SourceId;
  /** The key as audit events and batches record their actor. */
  actor: AuditActor;
  context: RequestContext;
}

/** The doors of a source's web service, each audited under its own action: pushing a batch, reading its status. */
export type PartnerSourceAction = "partner_api.records" | "partner_api.batch_status";

/** Audit-trail role of calls made with a partner key (no user is involved). */
const PARTNER_API_ROLE = "PARTNER_API";

const REALM = 'Bearer realm="jangkau"';

function partnerKeyActor(key: { id: string; prefix: string }): AuditActor {
  return { id: key.id, username: `api:${key.prefix}`, role: PARTNER_API_ROLE };
}

/**
 * The guard of the partner web service, the counterpart of `requirePermission` for callers that
 * hold an API key instead of a session. In order: a key in `Authorization: Bearer …` that exists
 * and is not revoked (else 401 with WWW-Authenticate), whose partner's agreement has not ended
 * (else 403), the key's rate (else 429 with
 * Retry-After), a known source (else 404) that belongs to the key's partner (else 403). Every
 * refusal is audited, except repeats of a rate-limit refusal (the first of a run is).
 */
export async function requirePartnerKey(request: Request, source: string, action: PartnerSourceAction = "partner_api.records"): Promise<PartnerCaller> {
  const { key, actor, context, keyDetails, base } = await authenticatePartnerKey(request, action, source);

  if (!isSourceId(source)) {
    await recordAuditEvent({ ...base, actor, outcome: "FAILURE", reason: "unknown_source", details: keyDetails });
    throw new ApiProblem(404, "unknown_source", "Sumber data tidak dikenal", `Sumber data "${source}" tidak dikenal.`);
  }
  if (SOURCE_PARTNER[source] !== key.partner) {
    await recordAuditEvent({ ...base, actor, outcome: "DENIED", reason: "wrong_partner", details: { ...keyDetails, source } });
    throw new ApiProblem(
      403,
      "wrong_partner",
      "Sumber data bukan milik mitra ini",
      `Kunci ${key.prefix}… milik ${PARTNER_LABELS[key.partner]} dan tidak boleh mengirim ke sumber ${source}.`,
    );
  }

  // One write per call; calls are rate-limited, so this stays cheap.
  await db.partnerApiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return { key: { id: key.id, partner: key.partner, prefix: key.prefix, name: key.name }, source, actor, context };
}

/** A partner asking about its own data (the status web service), once its key has been checked. */
export interface PartnerSelfCaller {
  key: { id: string; partner: BalikanPartner; prefix: string; name: string };
  actor: AuditActor;
  context: RequestContext;
}

/**
 * The guard of the status web service (`/api/v1/partners/{partner}/status`): the same key checks
 * as `requirePartnerKey`, then the path's partner must be the key's own (else 403): an AHU key
 * reads only what BPJS returns to AHU, never Kemnaker's, and the other way round.
 */
export async function requirePartnerKeyOf(request: Request, partner: string): Promise<PartnerSelfCaller> {
  const { key, actor, context, keyDetails, base } = await authenticatePartnerKey(request, "partner_api.status", partner);
  if (!isBalikanPartner(partner)) {
    await recordAuditEvent({ ...base, actor, outcome: "FAILURE", reason: "unknown_partner", details: keyDetails });
    throw new ApiProblem(404, "unknown_partner", "Mitra tidak dikenal", `Mitra "${partner}" tidak dikenal (ahu atau kemnaker).`);
  }
  if (key.partner !== partner) {
    await recordAuditEvent({ ...base, actor, outcome: "DENIED", reason: "wrong_partner", details: { ...keyDetails, requestedPartner: partner } });
    throw new ApiProblem(
      403,
      "wrong_partner",
      "Data bukan milik mitra ini",
      `Kunci ${key.prefix}… milik ${PARTNER_LABELS[key.partner]} dan tidak boleh membaca data balikan ${partner}.`,
    );
  }
  await db.partnerApiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return { key: { id: key.id, partner, prefix: key.prefix, name: key.name }, actor, context };
}

/**
 * In order: a key in `Authorization: Bearer …` that exists and is not revoked (else 401 with
 * WWW-Authenticate), whose partner's agreement has not ended (else 403: the key is genuine, the
 * partner is no longer entitled), then the key's rate (else 429 with Retry-After). Refusals are
 * audited under the door's action.
 */
async function authenticatePartnerKey(request: Request, action: PartnerSourceAction | "partner_api.status", objectId: string) {
  const context = requestContextFrom(request.headers);
  const presented = bearerToken(request.headers.get("authorization"));
  const base = { action, context, objectType: "partner_api", objectId };

  // A caller without a valid key can only fail, and each failure costs an audit event: such
  // failures are limited per client address (per key for a revoked one), silently past the first.
  const refuse = async (
    reason: "missing_key" | "unknown_key" | "revoked_key" | "agreement_ended",
    actor: AuditActor | null,
    details: Record<string, unknown> | undefined,
    problem: ApiProblem,
  ) => {
    const limited = await failedAuthBuckets.take(actor ? `key:${actor.id}` : `ip:${context.ip ?? "unknown"}`);
    if (!limited.allowed) {
      if (limited.firstDenial) await recordAuditEvent({ ...base, actor, outcome: "DENIED", reason: `${reason}_rate_limited`, details });
      return rateLimited(limited.retryAfterSeconds);
    }
    await recordAuditEvent({ ...base, actor, outcome: "DENIED", reason, details });
    return problem;
  };
  const unauthorized = (code: string, title: string, detail: string, challenge: string) =>
    new ApiProblem(401, code, title, detail, { headers: { "WWW-Authenticate": challenge } });

  if (!presented) {
    throw await refuse(
      "missing_key",
      null,
      undefined,
      unauthorized("missing_key", "Kunci API diperlukan", "Sertakan kunci API mitra di header Authorization: Bearer <kunci>.", REALM),
    );
  }
  const key = looksLikeApiKey(presented)
    ? await db.partnerApiKey.findUnique({
        where: { secretHash: hashApiKeySecret(presented) },
        select: { id: true, partner: true, prefix: true, name: true, revokedAt: true },
      })
    : null;
  if (!key) {
    throw await refuse(
      "unknown_key",
      null,
      // The first characters tell which key the caller thinks it holds, and give nothing away.
      looksLikeApiKey(presented) ? { keyPrefix: presented.slice(0, API_KEY_PREFIX_CHARS) } : undefined,
      unauthorized("unknown_key", "Kunci API tidak dikenal", "Kunci API tidak dikenal. Periksa kunci yang diberikan admin Jangkau.", `${REALM}, error="invalid_token"`),
    );
  }

  const actor = partnerKeyActor(key);
  const keyDetails = { keyId: key.id, keyPrefix: key.prefix, partner: key.partner };
  if (key.revokedAt) {
    throw await refuse(
      "revoked_key",
      actor,
      keyDetails,
      unauthorized(
        "revoked_key",
        "Kunci API sudah dicabut",
        "Kunci API ini sudah dicabut. Minta kunci baru kepada admin Jangkau.",
        `${REALM}, error="invalid_token", error_description="revoked"`,
      ),
    );
  }

  // A key lasts as long as its partner's agreement: the day after the last day (WIB) it is refused.
  // BPJS's own keys have no agreement row and are unaffected.
  const agreement = await db.partnerAgreement.findUnique({ where: { partner: key.partner }, select: { lastDay: true } });
  const lastDay = agreement?.lastDay ? calendarDay(agreement.lastDay) : null;
  if (lastDay && agreementHasEnded(lastDay, todayWib())) {
    throw await refuse(
      "agreement_ended",
      actor,
      { ...keyDetails, lastDay },
      new ApiProblem(
        403,
        "agreement_ended",
        "Perjanjian kerja sama sudah berakhir",
        `Perjanjian kerja sama ${PARTNER_LABELS[key.partner]} berakhir ${formatLongDay(lastDay)}; kunci API-nya tidak berlaku lagi. Hubungi BPJS Kesehatan untuk perpanjangan.`,
      ),
    );
  }

  const limited = await partnerKeyBuckets.take(`key:${key.id}`);
  if (!limited.allowed) {
    if (limited.firstDenial) await recordAuditEvent({ ...base, actor, outcome: "DENIED", reason: "rate_limited", details: keyDetails });
    throw rateLimited(limited.retryAfterSeconds);
  }
  return { key, actor, context, keyDetails, base };
}

function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer[ ]+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

function rateLimited(retryAfterSeconds: number): ApiProblem {
  return new ApiProblem(429, "rate_limited", "Terlalu banyak permintaan", `Batas laju terlampaui. Coba lagi dalam ${retryAfterSeconds} detik.`, {
    headers: { "Retry-After": String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}
