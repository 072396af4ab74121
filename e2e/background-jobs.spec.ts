/**
 * Pekerjaan latar on Impor Data, as an admin uses it: a job still waiting is cancelled after a
 * confirmation, a failed one is queued again; both land in the audit trail. The jobs are put in
 * the queue directly (a waiting one far in the future, so the server's worker leaves it alone).
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { queryE2eDatabase, writeE2eDatabase } from "./fixtures/database.ts";
import { authFile } from "./fixtures/e2e-env.ts";

test.use({ storageState: authFile("admin") });

const context = { ip: null, userAgent: "e2e", requestId: null };

/** `startedBy` (the payload's actor, shown on the page) tells this spec's rows apart. */
async function queueJob(state: "created" | "failed", startedBy: string, options: { output?: object } = {}): Promise<string> {
  const id = randomUUID();
  await writeE2eDatabase(7_020_301, (client) =>
    client.query(
      // A failed job has run once, as a real one has: pg-boss counts a retry only for a job that
      // started, and the worker's "no more attempts" step sets the limit to that count.
      `INSERT INTO pgboss.job (id, name, data, state, retry_limit, start_after, started_on, completed_on, output)
       VALUES ($1, 'balikan-push', $2, $3, 0, now() + interval '1 day',
               CASE WHEN $5 THEN now() - interval '1 minute' END, CASE WHEN $5 THEN now() END, $4)`,
      [id, { deliveryId: randomUUID(), actor: { id: null, username: startedBy, role: "ADMIN" }, context }, state, options.output ?? null, state === "failed"],
    ),
  );
  return id;
}

test("an admin cancels a waiting job after confirming, and queues a failed one again", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const waiting = await queueJob("created", `antre-${tag}`);
  const failed = await queueJob("failed", `gagal-${tag}`, { output: { message: "Unggah ke sftp.mitra gagal: ECONNRESET" } });

  await page.goto("/impor");
  const table = page.getByRole("table", { name: "Pekerjaan latar terbaru" });
  const waitingRow = table.getByRole("row").filter({ hasText: `antre-${tag}` });
  await expect(waitingRow).toContainText("Kirim data balikan");
  await expect(waitingRow).toContainText("Mengantre");

  await waitingRow.getByRole("button", { name: /^Batalkan/ }).click();
  const dialog = page.getByRole("dialog", { name: "Batalkan pekerjaan ini?" });
  await expect(dialog).toContainText("tercatat di jejak audit");
  await dialog.getByRole("button", { name: "Batal", exact: true }).click();
  await expect(dialog).toBeHidden();
  expect((await queryE2eDatabase<{ state: string }>("SELECT state::text FROM pgboss.job WHERE id = $1", [waiting]))[0]!.state).toBe("created");

  await waitingRow.getByRole("button", { name: /^Batalkan/ }).click();
  await dialog.getByRole("button", { name: "Ya, batalkan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Pekerjaan dibatalkan." })).toBeVisible();
  await expect.poll(async () => (await queryE2eDatabase<{ state: string }>("SELECT state::text FROM pgboss.job WHERE id = $1", [waiting]))[0]!.state).toBe("cancelled");

  const failedRow = table.getByRole("row").filter({ hasText: `gagal-${tag}` });
  await expect(failedRow).toContainText("Gagal");
  await expect(failedRow).toContainText("ECONNRESET");
  await failedRow.getByRole("button", { name: /^Ulangi/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Pekerjaan diantrekan ulang." })).toBeVisible();
  // The server's worker may take the queued job again at once and fail it anew (its delivery does
  // not exist), so the state alone can be back at "failed": the extra attempt granted is the proof.
  const [retried] = await queryE2eDatabase<{ retry_limit: number }>("SELECT retry_limit FROM pgboss.job WHERE id = $1", [failed]);
  expect(retried!.retry_limit).toBe(1);

  const audited = await queryE2eDatabase<{ action: string; object_id: string; actor_username: string }>(
    "SELECT action, object_id, actor_username FROM audit_event WHERE object_id = ANY($1::text[]) ORDER BY id",
    [[waiting, failed]],
  );
  expect(audited).toEqual([
    { action: "job.cancel", object_id: waiting, actor_username: "admin" },
    { action: "job.retry", object_id: failed, actor_username: "admin" },
  ]);
});

test("the Impor page with its jobs and the SFTP page with its schedules do not scroll sideways at 390 px", async ({ page }) => {
  await queueJob("created", `sempit-${randomUUID().slice(0, 8)}`);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ["/impor", "/impor/sftp"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // A wide table scrolls inside its own box; the page itself stays within the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
  }
});
