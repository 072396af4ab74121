/**
 * Two web instances and two workers on one database and one storage folder, as a deployment
 * behind a load balancer runs them: the suite's server (web + worker, scripts/serve.ts) is
 * instance A; this spec starts instance B (scripts/next-server.mjs on the next port) and a
 * second `jangkau worker`. Every queued job runs exactly once, whichever instance queued it and
 * whichever worker takes it, what one instance started the other shows, and rate limits are one
 * budget across instances.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { selectablePeriods } from "../lib/imports.ts";
import { queryE2eDatabase, writeE2eDatabase } from "./fixtures/database.ts";
import { authFile, BASE_URL, E2E_PORT, e2eDataDir, repoRoot } from "./fixtures/e2e-env.ts";

const URL_A = BASE_URL;
const PORT_B = E2E_PORT + 1;
const URL_B = `http://localhost:${PORT_B}`;
// Older than the demo data, as in import-upload.spec.ts: the imports supersede nothing.
const PERIOD = selectablePeriods().at(-1)!;
const HEADER = "NPWP;Nama Pemberi Kerja;Kode Kabupaten;Jumlah Pekerja";

test.describe.configure({ mode: "serial" });
test.use({ storageState: authFile("admin") });

const children: ChildProcess[] = [];

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, JANGKAU_DATA_DIR: e2eDataDir(), DATABASE_URL: "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  children.push(child);
  return child;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  start(["scripts/next-server.mjs"], { PORT: String(PORT_B), NEXTAUTH_URL: URL_B });
  start(["cli/bin.mjs", "worker"], {});
  const deadline = Date.now() + 100_000;
  for (;;) {
    const ready = await fetch(`${URL_B}/masuk`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error("instance B did not start");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

function kemnakerFile(tag: string): { name: string; content: string } {
  return { name: `wlkp-multi-${tag}.csv`, content: [HEADER, `01.312.166.0-091.000;PT Dua Instansi ${tag};3273;12`, `;CV Antrean ${tag};32.04;3`].join("\r\n") };
}

test("an upload to instance A shows its progress and result on instance B", async ({ page, request }) => {
  const file = kemnakerFile(`${Date.now().toString(36)}${randomBytes(3).toString("hex")}`);
  const answer = await request.post(`${URL_A}/impor/unggah?sumber=kemnaker-bu&periode=${PERIOD}&nama=${encodeURIComponent(file.name)}`, {
    data: Buffer.from(file.content),
    headers: { origin: URL_A, "content-type": "text/csv" },
  });
  expect(answer.status()).toBe(202);
  const { jobId } = (await answer.json()) as { jobId: string };

  // B's status route follows the job A created, to its end.
  await expect
    .poll(async () => ((await (await request.get(`${URL_B}/impor/status/${jobId}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe("SUCCEEDED");

  // And B's Impor page lists it among the background jobs, finished, with who started it.
  await page.goto(`${URL_B}/impor`);
  const row = page.getByRole("table", { name: "Pekerjaan latar terbaru" }).getByRole("row").filter({ hasText: file.name });
  await expect(row).toContainText("Impor berkas");
  await expect(row).toContainText("Selesai");
  await expect(row).toContainText("admin");
  await expect(row).toContainText("1 dari 3");
});

test("with two web instances and two workers, each queued job runs exactly once", async ({ request }) => {
  test.setTimeout(120_000);
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const uploads = await Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      const instance = i % 2 === 0 ? URL_A : URL_B;
      const file = kemnakerFile(`${run}-${i}`);
      const answer = await request.post(`${instance}/impor/unggah?sumber=kemnaker-bu&periode=${PERIOD}&nama=${encodeURIComponent(file.name)}`, {
        data: Buffer.from(file.content),
        headers: { origin: instance, "content-type": "text/csv" },
      });
      expect(answer.status()).toBe(202);
      return ((await answer.json()) as { jobId: string }).jobId;
    }),
  );

  await expect
    .poll(
      async () =>
        (await queryE2eDatabase<{ n: number }>("SELECT count(*)::int AS n FROM import_job WHERE id = ANY($1::uuid[]) AND status = 'SUCCEEDED'", [uploads]))[0]!.n,
      { timeout: 60_000 },
    )
    .toBe(uploads.length);

  // One attempt each, one import each: one batch and one `import.run` audit event per job.
  const jobs = await queryE2eDatabase<{ id: string; batch_id: string; state: string; retry_count: number; ran_by: string }>(
    `SELECT ij.id::text, ij.batch_id::text, q.state::text, q.retry_count, q.output->>'ranBy' AS ran_by
       FROM import_job ij
       JOIN (SELECT id, state, retry_count, output FROM pgboss.job UNION ALL SELECT id, state, retry_count, output FROM pgboss.archive) q ON q.id = ij.queue_job_id
      WHERE ij.id = ANY($1::uuid[])`,
    [uploads],
  );
  expect(jobs).toHaveLength(uploads.length);
  for (const job of jobs) expect(job).toMatchObject({ state: "completed", retry_count: 0, ran_by: expect.stringMatching(/:\d+$/) });
  const batches = await queryE2eDatabase<{ n: number }>("SELECT count(*)::int AS n FROM import_batch WHERE id = ANY($1::uuid[])", [jobs.map((job) => job.batch_id)]);
  expect(batches[0]!.n).toBe(uploads.length);
  const audited = await queryE2eDatabase<{ object_id: string; n: number }>(
    "SELECT object_id, count(*)::int AS n FROM audit_event WHERE action = 'import.run' AND object_id = ANY($1::text[]) GROUP BY object_id",
    [jobs.map((job) => job.batch_id)],
  );
  expect(audited).toHaveLength(uploads.length);
  expect(audited.every((row) => row.n === 1)).toBe(true);

  // The match each import queued runs once too.
  const batchIds = jobs.map((job) => job.batch_id);
  await expect
    .poll(
      async () =>
        await queryE2eDatabase<{ runs: number; succeeded: number; batches: number }>(
          `SELECT count(*)::int AS runs, count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded, count(DISTINCT batch_id)::int AS batches
             FROM match_run WHERE batch_id = ANY($1::uuid[])`,
          [batchIds],
        ),
      { timeout: 60_000 },
    )
    .toEqual([{ runs: uploads.length, succeeded: uploads.length, batches: uploads.length }]);
});

test("two instances share a partner key's rate limit: a burst of 10 in all, not 10 each", async ({ playwright }) => {
  const secret = `jk_${randomBytes(32).toString("base64url")}`;
  await writeE2eDatabase(7_311, (db) =>
    db.query(`INSERT INTO partner_api_key (id, partner, name, prefix, secret_hash, created_by_username) VALUES ($1, 'kemnaker', $2, $3, $4, 'e2e')`, [
      randomUUID(),
      `Dua instans ${randomUUID().slice(0, 6)}`,
      secret.slice(0, 8),
      createHash("sha256").update(secret, "utf8").digest("hex"),
    ]),
  );
  const client = await playwright.request.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    // Cheap calls (refused for their content type) still take a token.
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 16; i++) {
      const response = await client.post(`${i % 2 === 0 ? URL_A : URL_B}/api/v1/partners/kemnaker-bu/records`, {
        headers: { Authorization: `Bearer ${secret}`, "Content-Type": "text/plain", "Idempotency-Key": randomUUID() },
        data: "x",
      });
      statuses.push(response.status());
    }
    const refilled = Math.floor((Date.now() - started) / 2_000); // 30 a minute: one token every 2 s
    const through = statuses.filter((status) => status !== 429).length;
    // One shared burst of 10 (plus what refilled meanwhile); 16 if each instance kept its own.
    expect(through, statuses.join(",")).toBeGreaterThanOrEqual(10);
    expect(through, statuses.join(",")).toBeLessThanOrEqual(Math.min(15, 10 + refilled));
  } finally {
    await client.dispose();
  }
});
