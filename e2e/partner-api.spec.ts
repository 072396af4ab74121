/**
 * The partner web service as a partner's system uses it, curl-like, against the production
 * server: an admin creates a key on Kunci API Mitra (the secret is shown once), the partner posts
 * records with it (202: queued) and polls the batch's status URL until the server's worker has
 * imported it; without a key, or once the key is revoked, it gets 401.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { authFile } from "./fixtures/e2e-env.ts";
import { createKeyThroughPage } from "./fixtures/partner-keys.ts";
import { waitForPartnerBatch } from "../tests/support/wait-for-partner-batch.ts";

test.use({ storageState: authFile("admin") });


/** A partner's client: no cookies, only what it sends. */
async function partnerClient(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL?: string) {
  return playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
}

/** Polls a batch's status URL as a partner's client does, until done or failed. */
function waitForBatch(partner: APIRequestContext, statusUrl: string, secret: string) {
  return waitForPartnerBatch(async () => {
    const response = await partner.get(statusUrl, { headers: { Authorization: `Bearer ${secret}` } });
    return { status: response.status(), retryAfter: response.headers()["retry-after"] ?? null, body: await response.json() };
  });
}

test("a partner pushes records with a key created on Kunci API Mitra; without a key, or once revoked, 401", async ({ page, playwright, baseURL }) => {
  const name = `Server WLKP uji ${randomUUID().slice(0, 6)}`;
  const secret = await createKeyThroughPage(page, "Kemnaker", name);
  // A Kemnaker key lasts as long as the agreement: three years from its signing.
  await expect(page.getByRole("table", { name: "Daftar kunci API mitra" }).getByRole("row").filter({ hasText: name })).toContainText("5 Januari 2028");
  const partner = await partnerClient(playwright, baseURL);
  try {
    const run = randomUUID().slice(0, 8);
    const body = {
      period: "2025-S2",
      records: [
        { npwp: "01.312.166.0-091.000", nama_pemberi_kerja: `PT Sinar Jaya ${run}`, kode_kabupaten: "32.73", jumlah_pekerja: 120 },
        { "Nomor Pokok Wajib Pajak (NPWP)": "", "Nama Pemberi Kerja": `CV Berkah ${run}`, "Nama Kabupaten": "KOTA BANDUNG" },
        { npwp: "", nama_pemberi_kerja: "" },
        { npwp: "01.312.166.0-091.000", nama_pemberi_kerja: `PT Sinar Jaya ${run}`, kode_kabupaten: "32.73", jumlah_pekerja: 120 },
      ],
    };
    const idempotencyKey = randomUUID();
    const headers = { Authorization: `Bearer ${secret}`, "Idempotency-Key": idempotencyKey };
    const created = await partner.post("/api/v1/partners/kemnaker-bu/records", { headers, data: body });
    expect(created.status(), await created.text()).toBe(202);
    const queued = await created.json();
    expect(queued).toMatchObject({ status: "queued", source: "kemnaker-bu", period: "2025-S2", dataRows: 4 });
    expect(queued.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(created.headers()["location"]).toBe(queued.statusUrl);
    const status = await waitForBatch(partner, queued.statusUrl, secret);
    expect(status).toMatchObject({
      status: "done",
      result: { outcome: "imported", dataRows: 4, accepted: 2, rejected: 1, duplicatesCollapsed: 1, rejects: [{ index: 2, column: "nama_pemberi_kerja" }] },
    });
    const summary = status.result!;
    expect(summary.accepted + summary.rejected + summary.duplicatesCollapsed).toBe(body.records.length);

    // A retry after a lost answer gets the same answer, not a second batch.
    const retried = await partner.post("/api/v1/partners/kemnaker-bu/records", { headers, data: body });
    expect(retried.status()).toBe(202);
    expect(retried.headers()["idempotent-replayed"]).toBe("true");
    expect((await retried.json()).jobId).toBe(queued.jobId);

    // The same data under a new Idempotency-Key ends as already imported, into the same batch.
    const again = await partner.post("/api/v1/partners/kemnaker-bu/records", {
      headers: { ...headers, "Idempotency-Key": randomUUID() },
      data: body,
    });
    expect(again.status()).toBe(202);
    expect(await waitForBatch(partner, (await again.json()).statusUrl, secret)).toMatchObject({
      status: "done",
      result: { outcome: "already-imported", batchId: summary.batchId },
    });

    // Another partner's source: 403.
    const wrong = await partner.post("/api/v1/partners/ahu-entitas/records", { headers: { ...headers, "Idempotency-Key": randomUUID() }, data: body });
    expect(wrong.status()).toBe(403);
    expect(wrong.headers()["content-type"]).toContain("application/problem+json");

    // No key: 401 with a Bearer challenge.
    const anonymous = await partner.post("/api/v1/partners/kemnaker-bu/records", { headers: { "Idempotency-Key": randomUUID() }, data: body });
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()["www-authenticate"]).toContain("Bearer");
    expect(await anonymous.json()).toMatchObject({ code: "missing_key" });

    // The admin revokes the key (with a confirmation); the partner's next call is refused.
    await page.reload();
    const row = page.getByRole("table", { name: "Daftar kunci API mitra" }).getByRole("row").filter({ hasText: name });
    await expect(row).not.toContainText("Belum pernah"); // last used: just now
    await row.getByRole("button", { name: `Cabut kunci ${secret.slice(0, 8)}` }).click();
    const dialog = page.getByRole("dialog", { name: `Cabut kunci ${secret.slice(0, 8)}…?` });
    await dialog.getByRole("button", { name: "Cabut kunci" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("Dicabut");

    const revoked = await partner.post("/api/v1/partners/kemnaker-bu/records", { headers: { ...headers, "Idempotency-Key": randomUUID() }, data: body });
    expect(revoked.status()).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: "revoked_key" });
  } finally {
    await partner.dispose();
  }
});

test("the OpenAPI document is public and describes the records endpoint", async ({ playwright, baseURL }) => {
  const anyone = await partnerClient(playwright, baseURL);
  try {
    const response = await anyone.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths).toHaveProperty(["/api/v1/partners/{source}/records", "post"]);
    expect(doc.paths).toHaveProperty(["/api/v1/partners/{source}/records/{jobId}", "get"]);
    expect(doc.components.securitySchemes.partnerKey.scheme).toBe("bearer");
  } finally {
    await anyone.dispose();
  }
});
