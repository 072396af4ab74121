import { createHash, randomBytes, randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AHU_ENTITY_HEADERS, AHU_NOTARY_HEADERS, KEMNAKER_HEADERS, KEMNAKER_WORKER_HEADERS } from "@/lib/balikan.ts";
import { SOURCE_IDS } from "@/lib/sources.ts";
import { POST as postStatus } from "@/app/api/v1/partners/[source]/status/route.ts";
import { checkBalikanPassword } from "@/server/balikan/check-balikan-password.ts";
import { generateBalikan, type GeneratedBalikan } from "@/server/balikan/generate-balikan.ts";
import { listBalikanOverview } from "@/server/balikan/list-balikan-overview.ts";
import { pushBalikan } from "@/server/balikan/push-balikan.ts";
import { setBalikanTarget } from "@/server/balikan/set-balikan-target.ts";
import { createPartnerApiKey } from "@/server/partners/create-partner-api-key.ts";
import { revokePartnerApiKey } from "@/server/partners/revoke-partner-api-key.ts";
import { createSftpEndpoint } from "@/server/sftp/create-sftp-endpoint.ts";
import { setSftpEndpointActive } from "@/server/sftp/set-sftp-endpoint-active.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { verifyPassword } from "@/server/auth/passwords.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { generateDemoData } from "@/server/demo/demo-data/index.ts";
import { importFile } from "@/server/ingest/import-file.ts";
import { storedFilePath } from "@/server/ingest/storage.ts";
import { runMatch } from "@/server/matching/run-match.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { extractZip, listZip, sevenZip, testZip } from "../support/seven-zip.ts";
import { startTestSshd, type TestSshd } from "../support/sshd.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * Data balikan end to end on a small demo set in a database of its own (a full match rewrites
 * every business): files for both partners, opened with Debian's 7z, reconciled with the batches.
 */

let database: ThrowawayDatabase;
let work: string;
let sshd: TestSshd;
const context = { ip: null, userAgent: "vitest", requestId: null };
const PERIOD = "2025-S2";
const admin = { id: null, username: "admin-uji", role: "ADMIN" };

/** A row as JSON text (ids and sizes are BigInt), to check a secret is nowhere in it. */
const text = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? String(v) : v));

function csvRows(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.includes("\r\n")).toBe(true);
  return parse(text.slice(1), { relaxColumnCount: false }) as string[][];
}

async function accepted(source: string): Promise<number> {
  const batches = await db.importBatch.findMany({ where: { source, period: PERIOD }, select: { accepted: true } });
  return batches.reduce((sum, b) => sum + b.accepted, 0);
}

beforeAll(async () => {
  sevenZip(); // fails loudly when p7zip-full is missing
  process.env.JANGKAU_SECRET_KEY = randomBytes(32).toString("base64");
  [sshd, database] = await Promise.all([startTestSshd(), createThrowawayDatabase("balikan")]);
  await disconnectDb();
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded({ url: database.url });
  work = await mkdtemp(path.join(tmpdir(), "jangkau-balikan-"));
  process.env.JANGKAU_STORAGE_DIR = path.join(work, "storage");
  const manifest = await generateDemoData({ entities: 300, outDir: path.join(work, "demo"), seed: 606, period: PERIOD });
  for (const source of SOURCE_IDS) {
    await importFile({ source, period: PERIOD, filePath: path.join(work, "demo", manifest.files[source].file), channel: "CLI", actor: SYSTEM_ACTOR, context });
  }
  await runMatch({ kind: "FULL", actor: SYSTEM_ACTOR });
}, 180_000);

afterAll(async () => {
  await sshd?.stop();
  await disconnectDb();
  await database?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("generating data balikan", () => {
  let ahu: GeneratedBalikan;

  it("writes AHU's entities and notaries with exactly the agreed columns, one row per AHU record", async () => {
    ahu = await generateBalikan({ input: { partner: "ahu", period: PERIOD }, actor: admin, context });
    expect(ahu.password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(ahu.password).not.toMatch(/[0O1lI5S2ZB8]/);
    const file = storedFilePath((await db.balikanDelivery.findUniqueOrThrow({ where: { id: ahu.deliveryId } })).storedFile);

    expect((await testZip(file, ahu.password)).ok).toBe(true);
    const wrong = await testZip(file, `${ahu.password}x`);
    expect(wrong.ok).toBe(false);
    expect(wrong.output).toMatch(/Wrong password|Data Error|ERROR/i);

    // Every entry AES-256 encrypted and stored (no compression).
    const listing = await listZip(file, ahu.password);
    const methods = [...listing.matchAll(/^Method = (.+)$/gm)].map((m) => m[1]);
    expect(methods).toEqual(["AES-256 Store", "AES-256 Store"]);

    const files = await extractZip(file, ahu.password);
    expect(Object.keys(files).sort()).toEqual([`balikan-ahu-entitas-${PERIOD}.csv`, `balikan-ahu-notaris-${PERIOD}.csv`]);
    const entities = csvRows(files[`balikan-ahu-entitas-${PERIOD}.csv`]!);
    expect(entities[0]).toEqual([...AHU_ENTITY_HEADERS]);
    expect(entities.length - 1).toBe(await accepted("ahu-entitas"));
    expect(new Set(entities.slice(1).map((row) => row[2]))).toEqual(new Set(["Terdaftar", "Tidak terdaftar"]));

    const notaries = csvRows(files[`balikan-ahu-notaris-${PERIOD}.csv`]!);
    expect(notaries[0]).toEqual([...AHU_NOTARY_HEADERS]);
    expect(notaries.length - 1).toBe(await accepted("ahu-notaris"));
    // The branch below is exercised: the demo set has notaries with and without a status.
    expect([...new Set(notaries.slice(1).map((row) => row[2]))]).toEqual(expect.arrayContaining(["Aktif", "Tidak terdaftar"]));
    for (const row of notaries.slice(1)) {
      expect(row[0]).toMatch(/^\d{16}$/);
      expect(["Aktif", "Tidak aktif", "Tidak terdaftar"]).toContain(row[2]);
      if (row[2] === "Tidak terdaftar") expect(row[3]).toBe("");
    }

    expect(ahu.entries.map((e) => [e.rows, e.batchAccepted])).toEqual([
      [entities.length - 1, entities.length - 1],
      [notaries.length - 1, notaries.length - 1],
    ]);
  });

  it("agrees with the match: an entity is Terdaftar exactly when its business is registered", async () => {
    const expected = await db.$queryRawUnsafe<{ registered: bigint; total: bigint }[]>(`
      SELECT count(*) FILTER (WHERE b.status <> 'BELUM_TERDAFTAR') AS registered, count(*) AS total
      FROM source_record r JOIN import_batch ib ON ib.id = r.batch_id AND ib.source = 'ahu-entitas'
      JOIN business_record br ON br.source_record_id = r.id JOIN business b ON b.id = br.business_id`);
    const delivery = await db.balikanDelivery.findUniqueOrThrow({ where: { id: ahu.deliveryId } });
    const files = await extractZip(storedFilePath(delivery.storedFile), ahu.password);
    const entities = csvRows(files[`balikan-ahu-entitas-${PERIOD}.csv`]!).slice(1);
    expect(entities.filter((row) => row[2] === "Terdaftar").length).toBe(Number(expected[0]!.registered));
    expect(entities.length).toBe(Number(expected[0]!.total));
  });

  it("records the delivery with its hash and an argon2id of the password only, audited", async () => {
    const delivery = await db.balikanDelivery.findUniqueOrThrow({ where: { id: ahu.deliveryId } });
    expect(delivery.sha256).toBe(ahu.sha256);
    expect(delivery.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(text(delivery)).not.toContain(ahu.password);
    expect(await verifyPassword(delivery.passwordHash, ahu.password)).toBe(true);
    // A password the partner reads back is checked against the hash, audited without the password.
    expect((await checkBalikanPassword({ input: { deliveryId: ahu.deliveryId, password: ahu.password }, actor: admin, context })).matches).toBe(true);
    expect((await checkBalikanPassword({ input: { deliveryId: ahu.deliveryId, password: "salah" }, actor: admin, context })).matches).toBe(false);
    const checks = await db.auditEvent.findMany({ where: { action: "balikan.password_check", objectId: ahu.deliveryId }, orderBy: { id: "asc" } });
    expect(checks.map((e) => (e.details as { matches: boolean }).matches)).toEqual([true, false]);
    expect(text(checks)).not.toContain(ahu.password);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "balikan.generate", objectId: ahu.deliveryId } });
    expect(event.actorUsername).toBe("admin-uji");
    expect(event.details).toMatchObject({ partner: "ahu", period: PERIOD, rows: ahu.rows, sha256: ahu.sha256 });
    expect(text(event)).not.toContain(ahu.password);
  });

  it("writes Kemnaker's Lampiran II.1 structure, one row per Kemnaker record, nothing from AHU", async () => {
    const kemnaker = await generateBalikan({ input: { partner: "kemnaker", period: PERIOD }, actor: admin, context });
    const delivery = await db.balikanDelivery.findUniqueOrThrow({ where: { id: kemnaker.deliveryId } });
    const file = storedFilePath(delivery.storedFile);
    expect((await testZip(file, kemnaker.password)).ok).toBe(true);
    expect((await testZip(file, ahu.password)).ok).toBe(false);
    const files = await extractZip(file, kemnaker.password);
    expect(Object.keys(files).sort()).toEqual([`balikan-kemnaker-bu-${PERIOD}.csv`, `balikan-kemnaker-pekerja-${PERIOD}.csv`]);
    const workers = csvRows(files[`balikan-kemnaker-pekerja-${PERIOD}.csv`]!);
    expect(workers[0]).toEqual([...KEMNAKER_WORKER_HEADERS]);
    expect(workers.length - 1).toBe(await accepted("kemnaker-tk"));
    const rows = csvRows(files[`balikan-kemnaker-bu-${PERIOD}.csv`]!);
    expect(rows[0]).toEqual([...KEMNAKER_HEADERS]);
    expect(rows[0]).toHaveLength(22);
    expect(rows.length - 1).toBe(await accepted("kemnaker-bu"));
    const body = rows.slice(1);
    expect(new Set(body.map((row) => row[20]))).toEqual(new Set(["Sudah terdaftar JKN", "Belum terdaftar JKN"]));
    expect(body.some((row) => row[16])).toBe(true);
    for (const row of body) {
      if (row[20] === "Belum terdaftar JKN") expect(row[21]).toBe("");
      else expect(["Aktif", "Tidak aktif"]).toContain(row[21]);
      if (row[16]) expect(row[16]).toMatch(/^0\d+$/);
    }
    // Region names are the Kemendagri names of the codes next to them.
    const withRegency = body.find((row) => row[11]);
    const regency = await db.region.findUnique({ where: { code: withRegency![11]! } });
    expect(withRegency![12]).toBe(regency!.name);
  });

  it("refuses a period without data", async () => {
    await expect(generateBalikan({ input: { partner: "ahu", period: "2024-S1" }, actor: admin, context })).rejects.toThrow(/Belum ada data/);
  });
});

describe("pushing data balikan to the partner's SFTP server", () => {
  // The partner's inbox: a folder the SFTP user may write to (its home is root's).
  const INBOX = "masuk";
  beforeAll(async () => {
    await mkdir(path.join(sshd.filesDir, INBOX), { mode: 0o755 });
    await promisify(execFile)("chown", [sshd.username, path.join(sshd.filesDir, INBOX)]);
  });

  async function endpoint(source: string, overrides: { hostKeySha256?: string } = {}) {
    return createSftpEndpoint({
      input: {
        name: `balikan-${source}-${randomBytes(3).toString("hex")}`,
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        authKind: "PASSWORD",
        password: sshd.password,
        remoteDir: ".",
        filePattern: "*.csv",
        source,
        hostKeySha256: overrides.hostKeySha256 ?? sshd.hostKeyFingerprint,
        ...overrides,
      } as Parameters<typeof createSftpEndpoint>[0]["input"],
      actor: admin,
      context,
    });
  }

  it("refuses another partner's endpoint as AHU's target", async () => {
    const kemnaker = await endpoint("kemnaker-bu");
    await expect(setBalikanTarget({ input: { partner: "ahu", endpointId: kemnaker.id, remoteDir: "." }, actor: admin, context })).rejects.toThrow(/bukan milik/);
  });

  it("uploads the very ZIP to a real sshd, records the push and audits it", async () => {
    const ahu = await endpoint("ahu-entitas");
    await setBalikanTarget({ input: { partner: "ahu", endpointId: ahu.id, remoteDir: INBOX }, actor: admin, context });
    const delivery = await db.balikanDelivery.findFirstOrThrow({ where: { partner: "ahu" }, orderBy: { createdAt: "desc" } });
    const pushed = await pushBalikan({ input: { deliveryId: delivery.id }, actor: admin, context });
    expect(pushed.remotePath).toBe(`${INBOX}/${delivery.fileName}`);
    const uploaded = await readFile(path.join(sshd.filesDir, INBOX, delivery.fileName));
    expect(createHash("sha256").update(uploaded).digest("hex")).toBe(delivery.sha256);
    const push = await db.balikanPush.findFirstOrThrow({ where: { deliveryId: delivery.id } });
    expect(push).toMatchObject({ success: true, endpointName: ahu.name, actorUsername: "admin-uji" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "balikan.push", objectId: delivery.id } });
    expect(event.outcome).toBe("SUCCESS");
    expect(event.details).toMatchObject({ partner: "ahu", period: PERIOD, rows: delivery.rows, sha256: delivery.sha256, endpoint: ahu.name });
    expect(text(event)).not.toContain(sshd.password);
  });

  it("refuses to push through an endpoint an admin deactivated, connecting to nothing", async () => {
    const ahu = await endpoint("ahu-entitas");
    await setBalikanTarget({ input: { partner: "ahu", endpointId: ahu.id, remoteDir: INBOX }, actor: admin, context });
    await setSftpEndpointActive({ input: { endpointId: ahu.id, active: false }, actor: admin, context });
    const delivery = await db.balikanDelivery.findFirstOrThrow({ where: { partner: "ahu" }, orderBy: { createdAt: "desc" } });
    const pushes = await db.balikanPush.count();
    await expect(pushBalikan({ input: { deliveryId: delivery.id }, actor: admin, context })).rejects.toThrow(/nonaktif/);
    expect(await db.balikanPush.count()).toBe(pushes);
  });

  it("refuses to push once the target endpoint was edited to serve another partner's source", async () => {
    const ahu = await endpoint("ahu-entitas");
    await setBalikanTarget({ input: { partner: "ahu", endpointId: ahu.id, remoteDir: INBOX }, actor: admin, context });
    // An admin edits the endpoint afterwards (Sumber SFTP → Ubah): it now serves Kemnaker.
    await db.sftpEndpoint.update({ where: { id: ahu.id }, data: { source: "kemnaker-bu" } });
    const delivery = await db.balikanDelivery.findFirstOrThrow({ where: { partner: "ahu" }, orderBy: { createdAt: "desc" } });
    const pushes = await db.balikanPush.count();
    await expect(pushBalikan({ input: { deliveryId: delivery.id }, actor: admin, context })).rejects.toThrow(/bukan milik Ditjen AHU/);
    expect(await db.balikanPush.count()).toBe(pushes);
  });

  it("records a refused push (host key not the pinned one) as failed, uploading nothing", async () => {
    const wrongKey = `SHA256:${randomBytes(32).toString("base64").replace(/=+$/, "")}`;
    const ahu = await endpoint("ahu-notaris", { hostKeySha256: wrongKey });
    await setBalikanTarget({ input: { partner: "ahu", endpointId: ahu.id, remoteDir: "." }, actor: admin, context });
    const delivery = await db.balikanDelivery.findFirstOrThrow({ where: { partner: "ahu" }, orderBy: { createdAt: "desc" } });
    await expect(pushBalikan({ input: { deliveryId: delivery.id }, actor: admin, context })).rejects.toThrow(/sidik jari/);
    const failed = await db.balikanPush.findFirstOrThrow({ where: { deliveryId: delivery.id }, orderBy: { createdAt: "desc" } });
    expect(failed.success).toBe(false);
    expect(failed.message).toMatch(/sidik jari/);
    expect(await db.auditEvent.count({ where: { action: "balikan.push", objectId: delivery.id, outcome: "FAILURE" } })).toBe(1);
  });
});

describe("POST /api/v1/partners/{partner}/status", () => {
  async function newKey(partner: "ahu" | "kemnaker") {
    const { key, secret } = await createPartnerApiKey({ input: { partner, name: `Uji ${randomUUID().slice(0, 6)}` }, actor: admin, context });
    return { id: key.id, secret };
  }

  async function call(partner: string, secret: string | null, body: unknown) {
    const headers = new Headers({ "content-type": "application/json", "user-agent": "vitest", "x-jangkau-peer": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
    if (secret) headers.set("authorization", `Bearer ${secret}`);
    const request = new Request(`http://localhost/api/v1/partners/${partner}/status`, { method: "POST", headers, body: JSON.stringify(body) });
    const response = await postStatus(request, { params: Promise.resolve({ source: partner }) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function sample(source: string, column: "npwp" | "nik") {
    const rows = await db.$queryRawUnsafe<{ value: string }[]>(
      `SELECT r.${column} AS value FROM source_record r WHERE r.source = $1 AND r.${column} IS NOT NULL AND NOT r.npwp_is_nik ORDER BY r.id LIMIT 1`,
      source,
    );
    return rows[0]!.value;
  }

  it("answers AHU with only the agreed elements of AHU's own entities and notaries", async () => {
    const key = await newKey("ahu");
    const entityNpwp = await sample("ahu-entitas", "npwp");
    // A current notary (one with a JKN status), whatever order the rows lie in.
    const notaryNik = (await db.$queryRawUnsafe<{ nik: string }[]>(`SELECT nik FROM notary_status ORDER BY source_record_id LIMIT 1`))[0]!.nik;
    // A Kemnaker business AHU never sent: AHU learns nothing about it.
    const kemnakerOnly = (
      await db.$queryRawUnsafe<{ npwp: string }[]>(
        `SELECT k.npwp FROM source_record k WHERE k.source = 'kemnaker-bu' AND k.npwp IS NOT NULL AND NOT k.npwp_is_nik
         AND NOT EXISTS (SELECT 1 FROM source_record a WHERE a.source = 'ahu-entitas' AND a.npwp = k.npwp) LIMIT 1`,
      )
    )[0]!.npwp;
    const { status, json } = await call("ahu", key.secret, { npwp: [entityNpwp, kemnakerOnly, "123"], nik: [notaryNik] });
    expect(status).toBe(200);
    const entitas = json.entitas as Record<string, unknown>[];
    expect(Object.keys(entitas[0]!).sort()).toEqual(["found", "namaEntitas", "npwp", "status"]);
    expect(["Terdaftar", "Tidak terdaftar"]).toContain(entitas[0]!.status);
    expect(entitas[1]).toEqual({ npwp: kemnakerOnly, found: false });
    expect(entitas[2]).toMatchObject({ found: false, error: "NPWP tidak valid" });
    const notaris = json.notaris as Record<string, unknown>[];
    expect(Object.keys(notaris[0]!).sort()).toEqual(["found", "nik", "npwp", "segmenKepesertaan", "status"]);
    // The NIK asked for comes back masked: answers are in the order asked.
    expect(notaris[0]!.nik).toBe(`${notaryNik.slice(0, 4)}••••••••${notaryNik.slice(-4)}`);
    expect(JSON.stringify(json)).not.toContain(notaryNik);
    expect(json).not.toHaveProperty("badanUsaha");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "partner_api.status", actorId: key.id }, orderBy: { id: "desc" } });
    expect(event.outcome).toBe("SUCCESS");
    expect(event.details).toMatchObject({ partner: "ahu", npwpCount: 3, nikCount: 1, found: 2 });
    expect(text(event)).not.toContain(entityNpwp);
    expect(text(event)).not.toContain(notaryNik);
  });

  it("answers Kemnaker with NIB, NPWP and the two Lampiran II.1 statuses, and its workers' Lampiran II.2 fields", async () => {
    const key = await newKey("kemnaker");
    const npwp = await sample("kemnaker-bu", "npwp");
    const workerNik = await sample("kemnaker-tk", "nik");
    const { status, json } = await call("kemnaker", key.secret, { npwp: [npwp], nik: [workerNik] });
    expect(status).toBe(200);
    const [item] = json.badanUsaha as Record<string, unknown>[];
    expect(Object.keys(item!).sort()).toEqual(["found", "nib", "npwp", "statusKeaktifanBadanUsaha", "statusTerdaftarJkn"]);
    const [worker] = json.pekerja as Record<string, unknown>[];
    expect(worker).toMatchObject({ nik: `${workerNik.slice(0, 4)}••••••••${workerNik.slice(-4)}`, found: true });
    expect(["Sudah terdaftar JKN", "Belum terdaftar JKN"]).toContain(worker!.statusTerdaftarJkn);
    expect(JSON.stringify(json)).not.toContain(workerNik);
  });

  it("refuses a key of one partner on the other's data (403), audited", async () => {
    const ahu = await newKey("ahu");
    const kemnaker = await newKey("kemnaker");
    const first = await call("kemnaker", ahu.secret, { npwp: ["0013121660091000"] });
    expect(first.status).toBe(403);
    expect(first.json.code).toBe("wrong_partner");
    expect((await call("ahu", kemnaker.secret, { npwp: ["0013121660091000"] })).status).toBe(403);
    const denied = await db.auditEvent.findFirstOrThrow({ where: { action: "partner_api.status", actorId: ahu.id, outcome: "DENIED" } });
    expect(denied.reason).toBe("wrong_partner");
    expect((await call("bpjs", ahu.secret, { npwp: [] })).status).toBe(404);
  });

  it("refuses a revoked key and a missing one (401)", async () => {
    const key = await newKey("ahu");
    await revokePartnerApiKey({ input: { keyId: key.id }, actor: admin, context });
    const revoked = await call("ahu", key.secret, { npwp: ["0013121660091000"] });
    expect(revoked.status).toBe(401);
    expect(revoked.json.code).toBe("revoked_key");
    expect((await call("ahu", null, { npwp: ["0013121660091000"] })).status).toBe(401);
  });
});

// Last in the file: it adds deliveries newer than every real one.
describe("the Data Balikan schedule", () => {
  it("counts a period as delivered by its first file, however many files came after it", async () => {
    const first = await db.balikanDelivery.findFirstOrThrow({ where: { partner: "ahu", period: PERIOD }, orderBy: { createdAt: "asc" } });
    // More later files than the history lists (50), all of another period.
    const later = Array.from({ length: 60 }, (_, i) => ({
      partner: "ahu" as const,
      period: "2024-S1",
      fileName: `balikan-uji-${i}.zip`,
      storedFile: `uji-${i}`,
      sha256: "0".repeat(64),
      bytes: 1n,
      passwordHash: "x",
      rows: 0,
      entries: [],
      createdByUsername: "admin-uji",
    }));
    await db.balikanDelivery.createMany({ data: later });
    try {
      // Long after the period fell due.
      const [ahuOverview] = (await listBalikanOverview(new Date("2030-01-01T00:00:00Z"))).filter((p) => p.partner === "ahu");
      const period = ahuOverview!.periods.find((p) => p.period === PERIOD)!;
      expect(period).toMatchObject({ received: true, deliveredAt: first.createdAt.toISOString(), overdue: false });
    } finally {
      await db.balikanDelivery.deleteMany({ where: { fileName: { startsWith: "balikan-uji-" } } });
    }
  });
});
