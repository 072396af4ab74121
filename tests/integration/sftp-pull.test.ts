import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { db } from "@/server/db/client.ts";
import { storedFilePath } from "@/server/ingest/storage.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createSftpEndpoint } from "@/server/sftp/create-sftp-endpoint.ts";
import { listSftpEndpoints } from "@/server/sftp/list-sftp-endpoints.ts";
import { pullSftpEndpoint } from "@/server/sftp/pull-sftp-endpoint.ts";
import { testSftpConnection } from "@/server/sftp/test-sftp-connection.ts";
import { updateSftpEndpoint } from "@/server/sftp/update-sftp-endpoint.ts";
import { buildZip } from "../support/ingest-fixtures.ts";
import { startTestSshd, type TestSshd } from "../support/sshd.ts";

/**
 * The SFTP path end to end against a real OpenSSH server (tests/support/sshd.ts): password and
 * key logins, host-key pinning, and pulls that import, skip and report — through the same
 * importFile pipeline as the other ways in. Nothing is skipped when sshd is missing: the suite
 * fails, saying how to install it.
 */

const context = { ip: null, userAgent: "vitest", requestId: null };
const actor = SYSTEM_ACTOR;
// Content unique to this run: the shared test database dedupes imports by sha256.
const token = randomUUID().slice(0, 8);
const ZIP_PASSWORD = `zip-${randomBytes(6).toString("hex")}`;

let sshd: TestSshd;
let workDir: string;
let storageDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "jangkau-sftp-test-"));
  storageDir = path.join(workDir, "storage");
  process.env.JANGKAU_STORAGE_DIR = storageDir;
  // Secrets sealed under a key of this run, never the repository's data folder.
  process.env.JANGKAU_SECRET_KEY = randomBytes(32).toString("base64");
  const [server] = await Promise.all([startTestSshd(), ensureRegionsLoaded()]);
  sshd = server;
});

afterAll(async () => {
  await sshd?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const KEMNAKER_HEADER = "NPWP;Nama Pemberi Kerja;Nomor Induk Berusaha (NIB);Kode Kabupaten;Nama Kabupaten;Jumlah Pekerja;Skala Usaha;Nomor Telepon;Email";

function kemnakerCsv(label: string, rows: number): string {
  const lines = [KEMNAKER_HEADER];
  for (let i = 1; i <= rows; i++) lines.push(`;PT ${label} ${token} ${i};;3273;KOTA BANDUNG;${i};Kecil;;`);
  return lines.join("\r\n") + "\r\n";
}

/** Puts a file in the partner's folder with the given modification time. */
async function partnerFile(folder: string, name: string, content: string | Uint8Array, mtime: Date): Promise<void> {
  const file = path.join(folder, name);
  await writeFile(file, content, { mode: 0o644 });
  await utimes(file, mtime, mtime);
}

async function endpoint(overrides: Partial<Parameters<typeof createSftpEndpoint>[0]["input"]> = {}) {
  return createSftpEndpoint({
    input: {
      name: `uji-${token}-${randomBytes(3).toString("hex")}`,
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      authKind: "PASSWORD",
      password: sshd.password,
      remoteDir: ".",
      filePattern: "*.csv",
      source: "kemnaker-bu",
      ...overrides,
    },
    actor,
    context,
  });
}

describe("connecting to a partner's SFTP server", () => {
  it("signs in with a password, reports the server's host key, and keeps the password sealed", async () => {
    const created = await endpoint();
    const result = await testSftpConnection({ input: { endpointId: created.id }, actor, context });
    expect(result).toMatchObject({ ok: true, hostKeySha256: sshd.hostKeyFingerprint, hostKeyPinned: false });

    // At rest: sealed, bound to the row; in DTOs: not even the sealed form.
    const row = await db.sftpEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secret).toMatch(/^v1\./);
    expect(row.secret).not.toContain(sshd.password);
    const listed = (await listSftpEndpoints()).find((e) => e.id === created.id);
    expect(JSON.stringify(listed)).not.toContain(row.secret);
    expect(listed).not.toHaveProperty("secret");

    const audit = await db.auditEvent.findFirst({ where: { action: "sftp.test", objectId: created.id } });
    expect(audit).toMatchObject({ outcome: "SUCCESS" });
    expect(JSON.stringify(audit?.details)).not.toContain(sshd.password);
  });

  it("signs in with a passphrase-protected private key to a pinned host key", async () => {
    const created = await endpoint({
      authKind: "KEY",
      password: "",
      privateKey: sshd.clientKey,
      passphrase: sshd.clientKeyPassphrase,
      hostKeySha256: sshd.hostKeyFingerprint,
    });
    const result = await testSftpConnection({ input: { endpointId: created.id }, actor, context });
    expect(result).toMatchObject({ ok: true, hostKeySha256: sshd.hostKeyFingerprint, hostKeyPinned: true });
    expect(sshd.log()).toMatch(new RegExp(`Accepted publickey for ${sshd.username}`));
  });

  it("refuses a wrong password with a clear message", async () => {
    const created = await endpoint({ password: "bukan-kata-sandinya" });
    const result = await testSftpConnection({ input: { endpointId: created.id }, actor, context });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/menolak nama pengguna atau kata sandi/);
  });

  it("refuses a server whose host key differs from the pinned one, before sending the password", async () => {
    const wrongPin = `SHA256:${Buffer.alloc(32, 7).toString("base64").replace(/=+$/, "")}`;
    const created = await endpoint({ hostKeySha256: wrongPin });
    const logBefore = sshd.log().length;

    const tested = await testSftpConnection({ input: { endpointId: created.id }, actor, context });
    expect(tested.ok).toBe(false);
    expect(tested.message).toMatch(/sidik jari kunci host server .* berbeda/);
    expect(tested.hostKeySha256).toBe(sshd.hostKeyFingerprint);

    const pulled = await pullSftpEndpoint({ endpointId: created.id, actor, context });
    expect(pulled).toMatchObject({ status: "failed", counts: { listed: 0, imported: 0 } });
    expect(await db.sftpFetch.count({ where: { endpointId: created.id } })).toBe(0);
    const audit = await db.auditEvent.findFirst({ where: { action: "sftp.pull", objectId: created.id } });
    expect(audit).toMatchObject({ outcome: "FAILURE", reason: "host_key_mismatch" });
    // The password never reached the server: no login attempt was logged for these connections.
    expect(sshd.log().slice(logBefore)).not.toMatch(/Accepted|Failed password/);
  });
});

describe("pulling new files", () => {
  it("imports new files, reports a broken one while the others import, and skips them all the next time", async () => {
    const folder = path.join(sshd.filesDir, `mitra-${token}`);
    await mkdir(folder, { mode: 0o755 });
    const march = new Date("2025-03-15T03:00:00Z");
    const august = new Date("2025-08-20T03:00:00Z");
    const csv = kemnakerCsv("Csv", 3);
    await partnerFile(folder, "WLKP_2025_maret.csv", csv, march);
    await partnerFile(
      folder,
      "WLKP_2025_agustus.zip",
      await buildZip([{ name: "wlkp.csv", content: kemnakerCsv("Zip", 2) }], { password: ZIP_PASSWORD, encryptionStrength: 3 }),
      august,
    );
    await partnerFile(folder, "WLKP_2025_rusak.csv", `Nama,Alamat\r\nPT Tanpa NPWP ${token},Jl. Merdeka\r\n`, march);
    await partnerFile(folder, "baca-saya.txt", "bukan data", march);
    // Still being uploaded, as far as its mtime tells: left for the next pull.
    await partnerFile(folder, "WLKP_2025_baru.csv", kemnakerCsv("Baru", 1), new Date(Date.now() - 5_000));

    const created = await endpoint({
      authKind: "KEY",
      password: "",
      privateKey: sshd.clientKey,
      passphrase: sshd.clientKeyPassphrase,
      hostKeySha256: sshd.hostKeyFingerprint,
      remoteDir: folder,
      filePattern: "WLKP_*",
      zipPassword: ZIP_PASSWORD,
    });

    const first = await pullSftpEndpoint({ endpointId: created.id, actor, context });
    expect(first).toMatchObject({
      status: "completed",
      hostKeySha256: sshd.hostKeyFingerprint,
      counts: { listed: 5, matched: 4, imported: 2, alreadyImported: 0, refused: 1, failed: 0, skipped: 1 },
    });
    const byName = Object.fromEntries(first.files.map((file) => [file.name, file]));
    expect(byName["WLKP_2025_maret.csv"]).toMatchObject({ outcome: "imported", period: "2025-S1", dataRows: 3, accepted: 3 });
    expect(byName["WLKP_2025_agustus.zip"]).toMatchObject({ outcome: "imported", period: "2025-S2", dataRows: 2, accepted: 2 });
    expect(byName["WLKP_2025_rusak.csv"]).toMatchObject({ outcome: "refused" });
    expect(byName["WLKP_2025_rusak.csv"]!.message).toMatch(/NPWP|kolom/i);
    expect(byName["WLKP_2025_baru.csv"]).toMatchObject({ outcome: "skipped" });

    // Imported through the one pipeline, as SFTP deliveries, archived under server-made names (0600).
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: byName["WLKP_2025_agustus.zip"]!.batchId! } });
    expect(batch).toMatchObject({ channel: "SFTP", source: "kemnaker-bu", period: "2025-S2", fileName: "WLKP_2025_agustus.zip", accepted: 2 });
    const fetches = await db.sftpFetch.findMany({ where: { endpointId: created.id }, orderBy: { remotePath: "asc" } });
    expect(fetches.map((f) => [path.posix.basename(f.remotePath), f.status])).toEqual([
      ["WLKP_2025_agustus.zip", "IMPORTED"],
      ["WLKP_2025_maret.csv", "IMPORTED"],
      ["WLKP_2025_rusak.csv", "REFUSED"],
    ]);
    for (const fetch of fetches) {
      expect(fetch.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(fetch.storedFile).toMatch(/^raw-[0-9a-f-]+\.(csv|zip)$/);
      expect((await stat(storedFilePath(fetch.storedFile!))).mode & 0o777).toBe(0o600);
    }
    expect(fetches.find((f) => f.status === "IMPORTED" && f.remotePath.endsWith(".csv"))!.storedFile).toBe(
      (await db.importBatch.findUniqueOrThrow({ where: { id: byName["WLKP_2025_maret.csv"]!.batchId! } })).storedFile,
    );

    const audit = await db.auditEvent.findFirst({ where: { action: "sftp.pull", objectId: created.id } });
    expect(audit).toMatchObject({ outcome: "SUCCESS" });
    expect(audit?.details).toMatchObject({ imported: 2, refused: 1, skipped: 1, matched: 4 });
    expect(JSON.stringify(audit?.details)).not.toContain(ZIP_PASSWORD);

    // Second pull: nothing new; imported and refused files are not even downloaded again.
    const second = await pullSftpEndpoint({ endpointId: created.id, actor, context });
    expect(second.counts).toMatchObject({ imported: 0, refused: 0, failed: 0, skipped: 4 });
    expect(await db.sftpFetch.count({ where: { endpointId: created.id } })).toBe(3);

    // The same bytes under a new name: downloaded, recognised by sha256, not imported again.
    await partnerFile(folder, "WLKP_2025_maret_ulang.csv", csv, march);
    const third = await pullSftpEndpoint({ endpointId: created.id, actor, context });
    expect(third.counts).toMatchObject({ imported: 0, alreadyImported: 1, skipped: 4 });
    expect(third.files.find((f) => f.name === "WLKP_2025_maret_ulang.csv")).toMatchObject({
      outcome: "already-imported",
      batchId: byName["WLKP_2025_maret.csv"]!.batchId,
    });

    // Changing the endpoint's settings gives the refused file another chance (here: refused again).
    await updateSftpEndpoint({
      input: { ...editable(created), endpointId: created.id, periodOverride: "2025-S1" },
      actor,
      context,
    });
    const fourth = await pullSftpEndpoint({ endpointId: created.id, actor, context, now: () => new Date(Date.now() + 120_000) });
    expect(fourth.files.find((f) => f.name === "WLKP_2025_rusak.csv")).toMatchObject({ outcome: "refused" });
    // …and the settled new file is imported, as the override's period.
    expect(fourth.files.find((f) => f.name === "WLKP_2025_baru.csv")).toMatchObject({ outcome: "imported", period: "2025-S1" });
  });

  it("refuses to run two pulls of one endpoint at once", async () => {
    const created = await endpoint({ remoteDir: "/nonexistent" });
    const [a, b] = await Promise.allSettled([
      pullSftpEndpoint({ endpointId: created.id, actor, context }),
      pullSftpEndpoint({ endpointId: created.id, actor, context }),
    ]);
    const outcomes = [a, b].map((r) => r.status);
    expect(outcomes.sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = [a, b].find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(rejected.reason)).toMatch(/sedang berjalan/);
    const fulfilled = [a, b].find((r) => r.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof pullSftpEndpoint>>>;
    expect(fulfilled.value).toMatchObject({ status: "failed" });
    expect(fulfilled.value.message).toMatch(/tidak ada di server/);
  });
});

describe("npx jangkau sftp", () => {
  it("adds an endpoint from a key file and stdin, then pulls it with --json", async () => {
    const folder = path.join(sshd.filesDir, `cli-${token}`);
    await mkdir(folder, { mode: 0o755 });
    await partnerFile(
      folder,
      "WLKP_cli.zip",
      await buildZip([{ name: "wlkp.csv", content: kemnakerCsv("Cli", 4) }], { password: ZIP_PASSWORD }),
      new Date("2025-02-01T00:00:00Z"),
    );
    const name = `cli-${token}`;
    const added = await cli(
      ["sftp", "add", "--name", name, "--host", sshd.host, "--port", String(sshd.port), "--user", sshd.username, "--source", "kemnaker-bu",
        "--remote-dir", folder, "--pattern", "*.zip", "--host-key", sshd.hostKeyFingerprint, "--key-file", sshd.clientKeyPath,
        "--passphrase-stdin", "--zip-password-stdin", "--json"],
      `${sshd.clientKeyPassphrase}\n${ZIP_PASSWORD}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    const endpointJson = JSON.parse(lastLine(added.stdout)) as Record<string, unknown>;
    expect(endpointJson).toMatchObject({ name, authKind: "KEY", zipPassword: "tersimpan", hostKeySha256: sshd.hostKeyFingerprint });
    expect(added.stdout + added.stderr).not.toContain(ZIP_PASSWORD);

    const pulled = await cli(["sftp", "pull", "--endpoint", name, "--json"]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const summary = JSON.parse(lastLine(pulled.stdout)) as { status: string; endpoints: { counts: Record<string, number>; files: { outcome: string; accepted: number }[] }[] };
    expect(summary.status).toBe("ok");
    expect(summary.endpoints[0]!.counts).toMatchObject({ matched: 1, imported: 1 });
    expect(summary.endpoints[0]!.files[0]).toMatchObject({ outcome: "imported", accepted: 4 });
  });
});

function editable(e: Awaited<ReturnType<typeof endpoint>>) {
  return {
    name: e.name,
    host: e.host,
    port: e.port,
    username: e.username,
    authKind: e.authKind,
    hostKeySha256: e.hostKeySha256 ?? "",
    remoteDir: e.remoteDir,
    filePattern: e.filePattern,
    source: e.source as "kemnaker-bu",
    periodOverride: e.periodOverride ?? "",
  };
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? "";
}

function cli(args: string[], stdin = ""): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["cli/bin.mjs", ...args], {
      env: { ...process.env, JANGKAU_STORAGE_DIR: storageDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
