import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getBatch } from "@/app/api/v1/partners/[source]/records/[jobId]/route.ts";
import { POST } from "@/app/api/v1/partners/[source]/records/route.ts";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route.ts";
import { MAX_BODY_BYTES, MAX_RECORDS_PER_CALL, type PartnerBatchAccepted, type PartnerId } from "@/lib/partner-api.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { closeJobQueue } from "@/server/jobs/job-queue.ts";
import { startJobWorker, type JobWorker } from "@/server/jobs/start-job-worker.ts";
import { originalCells } from "@/server/ingest/raw-cells.ts";
import { createPartnerApiKey } from "@/server/partners/create-partner-api-key.ts";
import { listPartnerApiKeys } from "@/server/partners/list-partner-api-keys.ts";
import { revokePartnerApiKey } from "@/server/partners/revoke-partner-api-key.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";
import { waitForPartnerBatch } from "../support/wait-for-partner-batch.ts";

/**
 * The partner web service, through its route handlers: the same functions Next calls, given plain
 * Request objects (route handlers are functions of a Request; Next 16 passes `params` as a Promise).
 * Pushed batches are imported by a worker, as in production: this one, in the test's process, on
 * a database of its own (a worker on the shared one would take other files' imports).
 */

const sharedUrl = process.env.DATABASE_URL as string;
let privateDb: ThrowawayDatabase;
let worker: JobWorker;
let storage: string;
let admin: { id: string | null; username: string; role: string };

beforeAll(async () => {
  storage = await mkdtemp(path.join(tmpdir(), "jangkau-api-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(storage, "storage");
  privateDb = await createThrowawayDatabase("partnerapi");
  await ensureRegionsLoaded({ url: privateDb.url });
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
  worker = await startJobWorker({ queues: ["import"], pollingIntervalSeconds: 0.5, log: () => undefined });
  const user = await createTestUser({ role: "ADMIN", prefix: "api-admin" });
  admin = { id: user.id, username: user.username, role: user.role };
});

afterAll(async () => {
  await worker.stop({ timeoutMs: 5000 });
  await closeJobQueue();
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb.drop();
  await rm(storage, { recursive: true, force: true });
});

async function newKey(partner: PartnerId = "kemnaker") {
  const { key, secret } = await createPartnerApiKey({ input: { partner, name: `Uji ${randomUUID().slice(0, 6)}` }, actor: admin, context: NO_CONTEXT });
  return { ...key, secret };
}

interface CallOptions {
  source?: string;
  key?: string | null;
  body?: unknown;
  rawBody?: BodyInit;
  idempotencyKey?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One call of POST /api/v1/partners/{source}/records; a fresh Idempotency-Key unless given. */
async function call(options: CallOptions = {}) {
  const source = options.source ?? "kemnaker-bu";
  const headers = new Headers({ "content-type": options.contentType ?? "application/json", "user-agent": "vitest", ...options.headers });
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  const idempotencyKey = options.idempotencyKey === undefined ? randomUUID() : options.idempotencyKey;
  if (idempotencyKey !== null) headers.set("idempotency-key", idempotencyKey);
  const body = options.rawBody ?? JSON.stringify(options.body ?? { period: "2025-S2", records: [{ npwp: "", nama_pemberi_kerja: "PT Satu" }] });
  const request = new Request(`http://localhost/api/v1/partners/${source}/records`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  const response = await POST(request, { params: Promise.resolve({ source }) });
  const text = await response.text();
  return { response, status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** One call of GET on a batch's status URL. */
async function readBatch(statusUrl: string, key: string) {
  const [, source, jobId] = /^\/api\/v1\/partners\/([^/]+)\/records\/([^/]+)$/.exec(statusUrl)!;
  const request = new Request(`http://localhost${statusUrl}`, { headers: { authorization: `Bearer ${key}`, "user-agent": "vitest" } });
  const response = await getBatch(request, { params: Promise.resolve({ source: source!, jobId: jobId! }) });
  return { response, status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Pushes a batch, expects it queued (202 with its status URL) and waits until it is done or failed. */
async function push(options: CallOptions & { key: string }) {
  const accepted = await call(options);
  expect(accepted.status, JSON.stringify(accepted.json)).toBe(202);
  const answer = accepted.json as unknown as PartnerBatchAccepted;
  expect(accepted.response.headers.get("location")).toBe(answer.statusUrl);
  const status = await waitForPartnerBatch(async () => {
    const reply = await readBatch(answer.statusUrl, options.key);
    return { status: reply.status, retryAfter: reply.response.headers.get("retry-after"), body: reply.json };
  });
  return { accepted: answer, status, result: status.result! };
}

const randomAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
/**
 * A connection of its own (the peer address scripts/next-server.mjs stamps), so the
 * failed-authentication limit of one test does not reach another.
 */
const fromAddress = () => ({ "x-jangkau-peer": randomAddress() });

async function auditEvents(where: { reason?: string; objectId?: string; keyId?: string }) {
  return db.auditEvent.findMany({
    where: {
      action: "partner_api.records",
      ...(where.reason && { reason: where.reason }),
      ...(where.objectId && { objectId: where.objectId }),
      ...(where.keyId && { details: { path: ["keyId"], equals: where.keyId } }),
    },
    orderBy: { id: "asc" },
  });
}

describe("partner API keys", () => {
  it("shows the secret once, stores only its hash, and lists keys without it", async () => {
    const key = await newKey("ahu");
    expect(key.secret).toMatch(/^jk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 8));
    const row = await db.partnerApiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.secret);
    const listed = (await listPartnerApiKeys()).find((k) => k.id === key.id);
    expect(listed).toMatchObject({ partner: "ahu", prefix: key.prefix, revokedAt: null });
    expect(Object.keys(listed!)).not.toContain("secretHash");
    const created = await db.auditEvent.findFirst({ where: { action: "partner_key.create", objectId: key.id } });
    expect(JSON.stringify(created?.details)).not.toContain(key.secret);
  });

  it("revokes a key once, audited; a second revocation is refused", async () => {
    const key = await newKey();
    await revokePartnerApiKey({ input: { keyId: key.id }, actor: admin, context: NO_CONTEXT });
    await expect(revokePartnerApiKey({ input: { keyId: key.id }, actor: admin, context: NO_CONTEXT })).rejects.toThrow(/sudah dicabut/);
    expect(await db.auditEvent.count({ where: { action: "partner_key.revoke", objectId: key.id } })).toBe(1);
  });
});

describe("POST /api/v1/partners/{source}/records: who may call", () => {
  it("401 with WWW-Authenticate without a key, with an unknown key and with a revoked one; audited", async () => {
    const missing = await call({ key: null, headers: fromAddress() });
    expect(missing.status).toBe(401);
    expect(missing.response.headers.get("www-authenticate")).toBe('Bearer realm="jangkau"');
    expect(missing.response.headers.get("content-type")).toContain("application/problem+json");
    expect(missing.json).toMatchObject({ status: 401, code: "missing_key", type: "urn:jangkau:problem:missing_key" });

    const unknown = await call({ key: `jk_${"A".repeat(43)}`, headers: fromAddress() });
    expect(unknown.status).toBe(401);
    expect(unknown.response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(unknown.json).toMatchObject({ code: "unknown_key" });

    const key = await newKey();
    await revokePartnerApiKey({ input: { keyId: key.id }, actor: admin, context: NO_CONTEXT });
    const revoked = await call({ key: key.secret });
    expect(revoked.status).toBe(401);
    expect(revoked.json).toMatchObject({ code: "revoked_key" });
    expect(revoked.response.headers.get("www-authenticate")).toContain('error="invalid_token"');

    const [event] = await auditEvents({ keyId: key.id, reason: "revoked_key" });
    expect(event).toMatchObject({ outcome: "DENIED", actorId: key.id, actorUsername: `api:${key.prefix}`, actorRole: "PARTNER_API" });
    expect(await db.auditEvent.count({ where: { action: "partner_api.records", reason: "unknown_key", details: { path: ["keyPrefix"], equals: "jk_AAAAA" } } })).toBeGreaterThan(0);
  });

  it("limits failed authentication per connected address: a forged X-Forwarded-For neither dodges it nor lands in the audit", async () => {
    const peer = randomAddress();
    const statuses: number[] = [];
    // The bucket holds 20; each request claims to come from somewhere else.
    for (let i = 0; i < 21; i++) {
      const forged = await call({ key: null, headers: { "x-jangkau-peer": peer, "x-forwarded-for": randomAddress(), "x-real-ip": randomAddress() } });
      statuses.push(forged.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    const audited = await db.auditEvent.findMany({ where: { action: "partner_api.records", ip: { not: null }, reason: { startsWith: "missing_key" } }, select: { ip: true } });
    const fromPeer = audited.filter((e) => e.ip === peer);
    expect(fromPeer.length).toBe(21);
  });

  it("takes the client address from X-Forwarded-For only through a configured proxy", async () => {
    const client = randomAddress();
    process.env.JANGKAU_TRUSTED_PROXIES = "127.0.0.1, 192.0.2.0/24";
    try {
      await call({ key: `jk_${"B".repeat(43)}`, headers: { "x-jangkau-peer": "::ffff:192.0.2.10", "x-forwarded-for": `203.0.113.99, ${client}, 127.0.0.1` } });
    } finally {
      delete process.env.JANGKAU_TRUSTED_PROXIES;
    }
    const event = await db.auditEvent.findFirst({ where: { action: "partner_api.records", reason: "unknown_key" }, orderBy: { id: "desc" }, select: { ip: true } });
    expect(event?.ip).toBe(client);
  });

  it("403 for a source of another partner, 404 for an unknown source", async () => {
    const ahu = await newKey("ahu");
    const wrong = await call({ key: ahu.secret, source: "kemnaker-bu" });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toMatchObject({ code: "wrong_partner" });
    const [event] = await auditEvents({ keyId: ahu.id, reason: "wrong_partner" });
    expect(event).toMatchObject({ outcome: "DENIED", objectId: "kemnaker-bu" });

    const unknown = await call({ key: ahu.secret, source: "pajak" });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: "unknown_source" });
  });

  it("records when a key was last used", async () => {
    const key = await newKey();
    expect((await db.partnerApiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
    await call({ key: key.secret, contentType: "text/csv" });
    expect((await db.partnerApiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it("429 with Retry-After past the burst of 10, audited once", async () => {
    const key = await newKey();
    // Cheap calls (refused for their content type) still count.
    for (let i = 0; i < 10; i++) expect((await call({ key: key.secret, contentType: "text/plain" })).status).toBe(415);
    const limited = await call({ key: key.secret });
    expect(limited.status).toBe(429);
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.json).toMatchObject({ code: "rate_limited" });
    expect((await call({ key: key.secret })).status).toBe(429);
    expect(await auditEvents({ keyId: key.id, reason: "rate_limited" })).toHaveLength(1);
  });
});

describe("POST /api/v1/partners/{source}/records: the request", () => {
  it("415 unless JSON; 400 without an Idempotency-Key", async () => {
    const key = await newKey();
    expect((await call({ key: key.secret, contentType: "text/csv", rawBody: "npwp,nama\n" })).status).toBe(415);
    expect((await call({ key: key.secret, contentType: "application/json; charset=utf-8" })).status).toBe(202);
    const noKey = await call({ key: key.secret, idempotencyKey: null });
    expect(noKey.status).toBe(400);
    expect(noKey.json).toMatchObject({ code: "idempotency_key_required" });
    const failures = await auditEvents({ keyId: key.id, reason: "idempotency_key_required" });
    expect(failures[0]).toMatchObject({ outcome: "FAILURE" });
  });

  it("413 for a body over the cap: by Content-Length, and while reading a body without one", async () => {
    const key = await newKey();
    const big = JSON.stringify({ period: "2025-S2", records: [{ nama_pemberi_kerja: "x".repeat(MAX_BODY_BYTES) }] });
    const declared = await call({ key: key.secret, rawBody: big, headers: { "content-length": String(Buffer.byteLength(big)) } });
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ code: "body_too_large", maxBytes: MAX_BODY_BYTES });

    // Chunked: no Content-Length, so the handler counts as it reads.
    const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES * 3) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await call({ key: key.secret, rawBody: stream });
    expect(streamed.status).toBe(413);
    // It stopped reading soon after the cap, not at the end of the stream.
    expect(sent).toBeLessThan(MAX_BODY_BYTES * 2);
  });

  it("400 for more than 10,000 records, for an empty batch, a bad period, broken JSON, and nested values", async () => {
    const key = await newKey();
    const tooMany = await call({ key: key.secret, body: { period: "2025-S2", records: Array.from({ length: MAX_RECORDS_PER_CALL + 1 }, (_, i) => ({ nama_pemberi_kerja: `PT ${i}` })) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ code: "invalid_body", errors: [{ path: "/records" }] });

    const cases: unknown[] = [
      { period: "2025-S2", records: [] },
      { period: "2025-S3", records: [{ nama_pemberi_kerja: "PT A" }] },
      { period: "2025-S2", records: [{ nama_pemberi_kerja: { nested: true } }] },
      { period: "2025-S2", records: [{ nama_pemberi_kerja: "PT A" }], extra: 1 },
    ];
    for (const body of cases) {
      const answer = await call({ key: key.secret, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json).toMatchObject({ code: "invalid_body" });
    }
    const broken = await call({ key: key.secret, rawBody: '{"period": "2025-S2", "records": [' });
    expect(broken).toMatchObject({ status: 400, json: { code: "invalid_json" } });
  });

  it("400 when the records lack a required column, or name one column twice; nothing queued", async () => {
    const key = await newKey();
    const missing = await call({ key: key.secret, body: { period: "2025-S2", records: [{ nama_pemberi_kerja: "PT Tanpa NPWP" }] } });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ code: "header" });
    expect(String(missing.json!.detail)).toContain("Nomor Pokok Wajib Pajak (NPWP)");

    const twice = await call({ key: key.secret, body: { period: "2025-S2", records: [{ npwp: "", NPWP: "", nama_pemberi_kerja: "PT Ganda" }] } });
    expect(twice.status).toBe(400);
    expect(String(twice.json!.detail)).toMatch(/Rekaman 0: kolom ganda/);
    expect(await db.importJob.count({ where: { channel: "API", actorId: key.id } })).toBe(0);
    expect(await db.importBatch.count({ where: { actorId: key.id } })).toBe(0);
  });
});

describe("POST /api/v1/partners/{source}/records: the import", () => {
  const records = [
    // 0: accepted, by canonical keys, a number for the worker count
    { npwp: "01.312.166.0-091.000", nama_pemberi_kerja: "PT Sinar Jaya API", kode_kabupaten: "3273", jumlah_pekerja: 120, skala_usaha: "Menengah" },
    // 1: accepted with a warning (Excel-mangled NPWP), by the agreement's labels
    { "Nomor Pokok Wajib Pajak (NPWP)": "1.23457E+14", "Nama Pemberi Kerja": "CV Berkah API", "Nama Kabupaten": "KAB BANDUNG", "Kode Provinsi": "32" },
    // 2: rejected: no name
    { npwp: "0013121660091000", nama_pemberi_kerja: "", nomor_hp_kontak: "081234567890" },
    // 3: a duplicate of 0 (other key order), collapsed
    { nama_pemberi_kerja: "PT Sinar Jaya API", npwp: "01.312.166.0-091.000", jumlah_pekerja: 120, kode_kabupaten: "3273", skala_usaha: "Menengah" },
    // 4: accepted; an unknown key is ignored and reported
    { npwp: null, nama_pemberi_kerja: "UD Maju API", warna_favorit: "biru" },
    // 5: rejected: no name, only a personal contact name
    { npwp: "", nama_kontak: "Budi Santoso" },
  ];

  it("queues the batch (202, Location) and accounts for every record once done (accepted + rejected + duplicates = records), batch, rows and audit together", async () => {
    const key = await newKey();
    const { accepted, status, result: answer } = await push({ key: key.secret, body: { period: "2025-S2", records } });
    expect(accepted).toMatchObject({ status: "queued", source: "kemnaker-bu", period: "2025-S2", dataRows: 6, unknownColumns: ["warna_favorit"] });
    expect(accepted.statusUrl).toBe(`/api/v1/partners/kemnaker-bu/records/${accepted.jobId}`);
    expect(status).toMatchObject({ jobId: accepted.jobId, status: "done", source: "kemnaker-bu", period: "2025-S2", message: null });
    expect(answer).toMatchObject({
      outcome: "imported",
      sha256: accepted.sha256,
      dataRows: 6,
      accepted: 3,
      rejected: 2,
      duplicatesCollapsed: 1,
      rejectsTruncated: false,
    });
    expect(answer.accepted + answer.rejected + answer.duplicatesCollapsed).toBe(records.length);
    expect(answer.warnings).toBeGreaterThanOrEqual(1);
    expect(answer.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.rejects.map((r) => r.index).sort()).toEqual([2, 5]);
    expect(answer.rejects.find((r) => r.index === 2)).toMatchObject({ column: "nama_pemberi_kerja" });
    for (const reject of answer.rejects) expect(reject.reason).not.toBe("");
    // Personal data never comes back unmasked.
    expect(JSON.stringify(status)).not.toContain("081234567890");
    expect(JSON.stringify(status)).not.toContain("Budi Santoso");

    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: answer.batchId } });
    expect(batch).toMatchObject({ channel: "API", fileSha256: answer.sha256, actorId: key.id, actorUsername: `api:${key.prefix}`, dataRows: 6, accepted: 3 });
    const rows = await db.sourceRecord.findMany({ where: { batchId: answer.batchId }, orderBy: { line: "asc" } });
    expect(rows.map((r) => [r.line, r.name, r.regencyCode, r.workerCount])).toEqual([
      [0, "PT Sinar Jaya API", "32.73", 120],
      [1, "CV Berkah API", "32.04", null],
      [4, "UD Maju API", null, null],
    ]);
    expect(originalCells(rows[1]!.source, rows[1]!, rows[1]!.raw).map((cell) => cell.text)).toContain("1.23457E+14");

    const run = await db.auditEvent.findFirst({ where: { action: "import.run", objectId: answer.batchId } });
    expect(run?.details).toMatchObject({ channel: "API", sha256: answer.sha256, dataRows: 6 });
    const [event] = await auditEvents({ objectId: answer.batchId });
    expect(event).toMatchObject({ outcome: "SUCCESS", actorId: key.id, actorRole: "PARTNER_API" });
    expect(event!.details).toMatchObject({ keyPrefix: key.prefix, partner: "kemnaker", source: "kemnaker-bu", sha256: answer.sha256, accepted: 3, rejected: 2, duplicates: 1 });
    // The call itself, when it was queued; each status read, under its own action.
    const [queued] = await auditEvents({ objectId: accepted.jobId });
    expect(queued!.details).toMatchObject({ status: "queued", jobId: accepted.jobId, records: 6, sha256: accepted.sha256 });
    const reads = await db.auditEvent.findMany({ where: { action: "partner_api.batch_status", objectId: accepted.jobId } });
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.at(-1)).toMatchObject({ outcome: "SUCCESS", actorId: key.id, details: expect.objectContaining({ status: "done" }) });
    // The stored body waited in the upload folder only until its import.
    expect((await readdir(path.join(storage, "storage", "tmp"))).filter((name) => name.endsWith(".json"))).toEqual([]);
  });

  it("takes Kemnaker's workers (kemnaker-tk) from a Kemnaker key, masking the NIK it rejects", async () => {
    const key = await newKey("kemnaker");
    const mangled = "3.27301E+15";
    const { result: answer } = await push({
      key: key.secret,
      source: "kemnaker-tk",
      body: {
        period: "2025-S2",
        records: [
          { nik: "3273011708850001", nama: "Budi Santoso", jenis_kelamin: "L", tanggal_lahir: "17/08/1985", kode_wlkp: "WLKP-API-1" },
          { "Nomor Paspor": "X1234567", Kewarganegaraan: "WNA", "NPWP Pemberi Kerja": "01.312.166.0-091.000" },
          { nik: mangled, nama: "Tanpa NIK", kode_wlkp: "WLKP-API-1" },
        ],
      },
    });
    expect(answer).toMatchObject({ dataRows: 3, accepted: 2, rejected: 1 });
    expect(answer.rejects).toEqual([{ index: 2, column: "nik", value: "3.27•••E+15", reason: expect.stringMatching(/Excel/) }]);
    const rows = await db.sourceRecord.findMany({ where: { batchId: answer.batchId }, orderBy: { line: "asc" } });
    expect(rows.map((r) => [r.nik, r.kodeWlkp, r.npwp, (r.extra as Record<string, unknown>).birthDate ?? null])).toEqual([
      ["3273011708850001", "WLKP-API-1", null, "1985-08-17"],
      [null, null, "0013121660091000", null],
    ]);
    // Not another partner's to send.
    const ahu = await newKey("ahu");
    expect((await call({ key: ahu.secret, source: "kemnaker-tk" })).status).toBe(403);
  });

  it("masks personal data in the rejects it lists, as reject reports do", async () => {
    const bpjs = await newKey("bpjs");
    const nik = `32730${String(Date.now()).slice(-6)}99`; // 13 digits: not a NIK
    const { accepted, status, result: answer } = await push({
      key: bpjs.secret,
      source: "bpjs-peserta",
      body: { period: "2025-S2", records: [{ nik, segmen: "PPU", nama: "Siti Aminah" }] },
    });
    expect(answer).toMatchObject({ dataRows: 1, rejected: 1, accepted: 0 });
    expect(answer.rejects[0]).toMatchObject({ index: 0, column: "nik" });
    expect(answer.rejects[0]!.value).not.toBe("");
    for (const answered of [accepted, status]) {
      expect(JSON.stringify(answered)).not.toContain(nik);
      expect(JSON.stringify(answered)).not.toContain("Siti Aminah");
    }
  });

  it("replays the answer for the same Idempotency-Key and body — the same batch, not a second job — and refuses it with another body (422)", async () => {
    const key = await newKey();
    const body = { period: "2025-S1", records: [{ npwp: "", nama_pemberi_kerja: `PT Idempoten ${randomUUID()}` }] };
    const idempotencyKey = randomUUID();
    const first = await call({ key: key.secret, body, idempotencyKey });
    expect(first.status).toBe(202);
    const again = await call({ key: key.secret, body, idempotencyKey });
    expect(again.status).toBe(202);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    expect(again.response.headers.get("location")).toBe(String(first.json!.statusUrl));
    expect(again.json).toEqual(first.json);
    expect(await db.importJob.count({ where: { channel: "API", actorId: key.id } })).toBe(1);
    const done = await waitForPartnerBatch(async () => {
      const reply = await readBatch(String(first.json!.statusUrl), key.secret);
      return { status: reply.status, retryAfter: reply.response.headers.get("retry-after"), body: reply.json };
    });
    expect(done.status).toBe("done");
    expect(await db.importBatch.count({ where: { fileSha256: String(first.json!.sha256) } })).toBe(1);

    const other = await call({ key: key.secret, body: { ...body, records: [{ npwp: "", nama_pemberi_kerja: "PT Lain" }] }, idempotencyKey });
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({ code: "idempotency_key_reused" });

    // Idempotency-Keys are per API key: another key may use the same value.
    const otherKey = await newKey();
    expect((await call({ key: otherKey.secret, body: { ...body, period: "2025-S2" }, idempotencyKey })).status).toBe(202);
  });

  it("ends the same records again under a new Idempotency-Key as already imported, whatever their key order or spacing", async () => {
    const key = await newKey();
    const name = `PT Ulang ${randomUUID()}`;
    const body = { period: "2025-S2", records: [{ npwp: "", nama_pemberi_kerja: name }, { npwp: "", nama_pemberi_kerja: "" }] };
    const first = await push({ key: key.secret, body });
    expect(first.result.outcome).toBe("imported");
    const reordered = `{ "records": [ { "nama_pemberi_kerja": "${name}", "npwp": "" }, {"nama_pemberi_kerja":"","npwp":""} ],\n "period": "2025-S2" }`;
    const second = await push({ key: key.secret, rawBody: reordered });
    expect(second.accepted.sha256).toBe(first.accepted.sha256);
    expect(second.result).toMatchObject({ outcome: "already-imported", batchId: first.result.batchId, sha256: first.result.sha256, accepted: 1, rejected: 1 });
    // The rejections come back from the batch's reject report.
    expect(second.result.rejects).toEqual(first.result.rejects);
    expect(await db.sourceRecord.count({ where: { batchId: first.result.batchId } })).toBe(1);
  });

  it("imports the same records sent twice at once only once", async () => {
    const key = await newKey();
    const run = randomUUID();
    const body = { period: "2025-S2", records: Array.from({ length: 2_000 }, (_, i) => ({ npwp: "", nama_pemberi_kerja: i % 100 ? `PT Kembar ${run}` : "", alamat: `Jl. Kembar ${i}` })) };
    const answers = (await Promise.all([push({ key: key.secret, body }), push({ key: key.secret, body })])).map((a) => a.result);
    expect(answers.map((a) => a.outcome).sort()).toEqual(["already-imported", "imported"]);
    expect(new Set(answers.map((a) => a.batchId)).size).toBe(1);
    for (const answer of answers) expect(answer).toMatchObject({ accepted: 1_980, rejected: 20, duplicatesCollapsed: 0 });
    expect(answers[0]!.rejects.length).toBe(20);
    expect(answers[1]!.rejects).toEqual(answers[0]!.rejects);
    expect(await db.importBatch.count({ where: { fileSha256: answers[0]!.sha256 } })).toBe(1);
  });

  it("frees the Idempotency-Key of a refused call, so the fixed batch may use it", async () => {
    const key = await newKey();
    const idempotencyKey = randomUUID();
    expect((await call({ key: key.secret, idempotencyKey, body: { period: "2025-S2", records: [{ nama_pemberi_kerja: "PT Tanpa NPWP" }] } })).status).toBe(400);
    const fixed = await call({ key: key.secret, idempotencyKey, body: { period: "2025-S2", records: [{ npwp: "", nama_pemberi_kerja: `PT Diperbaiki ${randomUUID()}` }] } });
    expect(fixed.status).toBe(202);
  });

  it("imports a full batch of 10,000 records", { timeout: 120_000 }, async () => {
    const key = await newKey();
    const run = randomUUID().slice(0, 8);
    const body = { period: "2025-S2", records: Array.from({ length: MAX_RECORDS_PER_CALL }, (_, i) => ({ npwp: "", nama_pemberi_kerja: `PT Massal ${run} ${i % 9_990}`, kode_kabupaten: "32.73" })) };
    const { result } = await push({ key: key.secret, body });
    expect(result).toMatchObject({ dataRows: 10_000, accepted: 9_990, duplicatesCollapsed: 10, rejected: 0 });
  });
});

describe("GET /api/v1/partners/{source}/records/{jobId}", () => {
  it("answers queued or running with Retry-After until the batch is done", async () => {
    const key = await newKey();
    const { json } = await call({ key: key.secret, body: { period: "2025-S2", records: [{ npwp: "", nama_pemberi_kerja: `PT Antre ${randomUUID()}` }] } });
    const early = await readBatch(String(json!.statusUrl), key.secret);
    expect(early.status).toBe(200);
    expect(early.response.headers.get("cache-control")).toBe("no-store");
    if (early.json.status !== "done") {
      expect(["queued", "running"]).toContain(early.json.status);
      expect(early.response.headers.get("retry-after")).toBe("2");
      expect(early.json.result).toBeNull();
    }
    const done = await waitForPartnerBatch(async () => {
      const reply = await readBatch(String(json!.statusUrl), key.secret);
      return { status: reply.status, retryAfter: reply.response.headers.get("retry-after"), body: reply.json };
    });
    expect(done).toMatchObject({ status: "done", result: { outcome: "imported", accepted: 1 } });
  });

  it("finds only the caller's partner's batches of that source: 404 otherwise, audited", async () => {
    const kemnaker = await newKey("kemnaker");
    const { accepted } = await push({ key: kemnaker.secret, body: { period: "2025-S2", records: [{ npwp: "", nama_pemberi_kerja: `PT Milik ${randomUUID()}` }] } });
    // Another key of the same partner may read it.
    const colleague = await newKey("kemnaker");
    expect((await readBatch(accepted.statusUrl, colleague.secret)).status).toBe(200);
    // The same id under another of the partner's sources, or a made-up id: not found.
    expect((await readBatch(`/api/v1/partners/kemnaker-tk/records/${accepted.jobId}`, kemnaker.secret)).json).toMatchObject({ status: 404, code: "unknown_batch" });
    expect((await readBatch(`/api/v1/partners/kemnaker-bu/records/${randomUUID()}`, kemnaker.secret)).status).toBe(404);
    expect((await readBatch(`/api/v1/partners/kemnaker-bu/records/bukan-id`, kemnaker.secret)).status).toBe(404);
    // Another partner's key: not its source (403), and its own source does not hold the id (404).
    const ahu = await newKey("ahu");
    expect((await readBatch(accepted.statusUrl, ahu.secret)).status).toBe(403);
    expect((await readBatch(`/api/v1/partners/ahu-entitas/records/${accepted.jobId}`, ahu.secret)).status).toBe(404);
    // Without a key: 401.
    const anonymous = await getBatch(new Request(`http://localhost${accepted.statusUrl}`, { headers: fromAddress() }), {
      params: Promise.resolve({ source: "kemnaker-bu", jobId: accepted.jobId }),
    });
    expect(anonymous.status).toBe(401);
    const refused = await db.auditEvent.findMany({ where: { action: "partner_api.batch_status", actorId: ahu.id }, orderBy: { id: "asc" } });
    expect(refused.map((event) => [event.outcome, event.reason])).toEqual([
      ["DENIED", "wrong_partner"],
      ["FAILURE", "unknown_batch"],
    ]);
  });

  it("shares the key's rate limit with pushing: 429 with Retry-After past the burst", async () => {
    const key = await newKey();
    const { accepted } = await push({ key: key.secret, body: { period: "2025-S2", records: [{ npwp: "", nama_pemberi_kerja: `PT Batas ${randomUUID()}` }] } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await readBatch(accepted.statusUrl, key.secret)).status);
    expect(statuses).toContain(429);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes the records endpoint, its bearer scheme and each source's columns", async () => {
    const response = await getOpenApi();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.openapi).toBe("3.1.0");
    const post = doc.paths["/api/v1/partners/{source}/records"].post;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["202", "400", "401", "403", "409", "413", "415", "422", "429"]));
    expect(post.responses["202"].headers).toHaveProperty("Location");
    expect(doc.components.schemas.BatchAccepted.required).toEqual(expect.arrayContaining(["jobId", "statusUrl"]));
    const status = doc.paths["/api/v1/partners/{source}/records/{jobId}"].get;
    expect(Object.keys(status.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "429"]));
    expect(doc.components.schemas.BatchStatus.properties.status.enum).toEqual(["queued", "running", "done", "failed"]);
    expect(doc.components.securitySchemes.partnerKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.RecordsRequest.properties.records.maxItems).toBe(MAX_RECORDS_PER_CALL);
    expect(doc.components.schemas["Record.kemnaker-bu"].properties.nama_pemberi_kerja.title).toBe("Nama Pemberi Kerja");
    expect(doc.components.schemas["Record.ahu-entitas"]["x-required-columns"]).toEqual(["nama_entitas"]);
    // The status words the status web service answers with, as the agreements word them, and the
    // one word for what BPJS's data leaves blank.
    const balikan = doc.components.schemas.StatusAnswer.properties;
    expect(balikan.entitas.items.properties.status.enum).toEqual(["Terdaftar", "Tidak terdaftar", "Tidak diketahui"]);
    expect(balikan.notaris.items.properties.status.enum).toEqual(["Aktif", "Tidak aktif", "Tidak terdaftar", "Tidak diketahui"]);
    expect(balikan.badanUsaha.items.properties.statusTerdaftarJkn.enum).toEqual(["Sudah terdaftar JKN", "Belum terdaftar JKN", "Tidak diketahui"]);
    expect(balikan.badanUsaha.items.properties.statusKeaktifanBadanUsaha.enum).toEqual(["Aktif", "Tidak aktif", "Tidak diketahui", null]);
    // Kemnaker's workers by NIK: the Lampiran II.2 fields.
    expect(Object.keys(balikan.pekerja.items.properties)).toEqual([
      "nik",
      "found",
      "nomorPaspor",
      "niora",
      "kitas",
      "segmentasiKepesertaanJkn",
      "statusTerdaftarJkn",
      "statusAktif",
      "tahunKepesertaanJkn",
      "error",
    ]);
    expect(balikan.pekerja.items.properties.segmentasiKepesertaanJkn.enum).toEqual(["PBI JK", "PBPU Pemda", "PPU PN", "PPU BU", "PBPU", "BP", null]);
    expect(doc.paths["/api/v1/partners/{partner}/status"].post.description).toMatch(/its workers \(kemnaker-tk, any period\) by NIK/);
    // Kemnaker may push its workers.
    expect(post.parameters[0].description).toContain("Kemnaker: kemnaker-bu, kemnaker-tk");
    expect(doc.components.schemas["Record.kemnaker-tk"]["x-required-columns"]).toEqual(["nik"]);
  });
});
