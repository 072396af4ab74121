/**
 * A business's Kemnaker workers as an officer of Kota Bandung (petugas) works them on the lead
 * page: the Pekerja section with its counts, NIKs masked, the status filter and the pages in the
 * URL; "Tampilkan" revealing the listed workers' NIKs (audited by count, never by value); the
 * download of the workers not registered under the business — NIKs in clear, audited with its
 * row count and SHA-256 — refused (404, audited DENIED) to an officer of another region; and
 * the section on a 390 px wide screen.
 *
 * The business: one of Kota Bandung with more workers than a page holds, from the demo data's
 * worker rows when it has them; otherwise 60 workers are written to one of its businesses here
 * (tests/support/worker-rows.ts, as a match run's worker pass leaves them).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { WORKER_PAGE_SIZE, type WorkerStatusValue } from "../lib/leads/worker-status.ts";
import { findPersonalValues } from "../lib/personal-data.ts";
import { readTableFile } from "../tests/support/table-files.ts";
import { insertBusinessWorkers, testNik, type WorkerSeed } from "../tests/support/worker-rows.ts";
import { signInViaApi } from "./fixtures/auth.ts";
import { queryE2eDatabase, writeE2eDatabase } from "./fixtures/database.ts";
import { authFile, DEMO_PASSWORD } from "./fixtures/e2e-env.ts";

// One business for the whole file, chosen (or seeded again when a match run took its workers).
test.describe.configure({ mode: "serial" });

interface Lead {
  id: string;
  name: string;
  listed: number;
  here: number;
  unregistered: number;
}

const SEED_LOCK = 7_020_118_001;
const MASKED_NIK = /^\d{4}•{8}\d{4}$/;

const CHOOSE = `
  SELECT id::text, name, workers_listed AS listed, workers_here AS here, workers_unregistered AS unregistered FROM business
  WHERE regency_code = '32.73' AND workers_listed > ${WORKER_PAGE_SIZE} AND workers_listed > workers_here AND workers_unregistered > 0
    AND EXISTS (SELECT 1 FROM worker_status w JOIN source_record r ON r.id = w.source_record_id
                WHERE w.business_id = business.id AND w.status = 'BELUM_TERDAFTAR' AND r.nik IS NOT NULL)
  ORDER BY workers_listed, id LIMIT 1`;

function seedWorkers(): WorkerSeed[] {
  const statuses: [WorkerStatusValue, number][] = [
    ["BELUM_TERDAFTAR", 24],
    ["SEGMEN_LAIN", 8],
    ["TERDAFTAR_DI_LAIN", 8],
    ["TERDAFTAR_DI_SINI", 20],
  ];
  return statuses.flatMap(([status, n], s) =>
    Array.from({ length: n }, (_, i) => ({
      name: `TENAGA KERJA UJI ${s}${String(i).padStart(2, "0")}`,
      nik: testNik(880_000 + s * 100 + i),
      status,
      position: i % 2 ? "Operator Mesin" : "Staf Administrasi",
      employmentStatus: "PKWTT",
      startDate: "2023-07-17",
    })),
  );
}

async function businessWithWorkers(): Promise<Lead> {
  const [demo] = await queryE2eDatabase<Lead & Record<string, unknown>>(CHOOSE);
  if (demo) return demo;
  return writeE2eDatabase(SEED_LOCK, async (client) => {
    const again = (await client.query<Lead>(CHOOSE)).rows[0];
    if (again) return again;
    // A lead of Kota Bandung without worker rows, not of a scale or shape other specs filter on.
    const target = (
      await client.query<{ id: string }>(
        `SELECT id::text FROM business WHERE regency_code = '32.73' AND is_lead AND workers_listed IS NULL
           AND business_scale IN ('MENENGAH', 'BESAR') AND (npwp IS NULL OR npwp !~ '^[1-9][0-9]{15}$')
         ORDER BY id LIMIT 1`,
      )
    ).rows[0];
    expect(target, "the demo data has a medium or large lead in Kota Bandung").toBeDefined();
    await insertBusinessWorkers((sql, params) => client.query(sql, params), target!.id, seedWorkers());
    return (await client.query<Lead>(CHOOSE)).rows[0]!;
  });
}

let lead: Lead;
// Before each test, not once: a match run started by another spec's import rewrites
// worker_status from the partner records, and takes seeded rows (which have none) with it.
test.beforeEach(async () => {
  lead = await businessWithWorkers();
});

const workersSection = (page: Page) => page.getByRole("region", { name: "Pekerja", exact: true });
const workersTable = (page: Page) => workersSection(page).getByRole("table");

test.describe("as an officer of Kota Bandung", () => {
  test.use({ storageState: authFile("petugas") });

  test("lists the workers with their JKN status and masked NIKs, filtered by status and paged through the URL", async ({ page }) => {
    await page.goto(`/prospek/${lead.id}`);
    const section = workersSection(page);
    await expect(section.getByRole("heading", { name: `Pekerja (${lead.listed.toLocaleString("id-ID")})` })).toBeVisible();
    const filter = section.getByRole("navigation", { name: "Saring pekerja menurut status" });
    await expect(filter.getByRole("link", { name: /Semua pekerja/ })).toHaveAttribute("aria-current", "true");
    await expect(filter.getByRole("link", { name: /Belum terdaftar/ })).toContainText(lead.unregistered.toLocaleString("id-ID"));
    await expect(filter.getByRole("link", { name: /Terdaftar di pemberi kerja ini/ })).toContainText(lead.here.toLocaleString("id-ID"));

    const rows = workersTable(page).locator("tbody tr");
    await expect(rows).toHaveCount(WORKER_PAGE_SIZE);
    // Unregistered workers first.
    await expect(rows.first().getByText("Belum terdaftar")).toBeVisible();
    const masked = workersTable(page).getByTitle("NIK disamarkan");
    expect(await masked.count()).toBeGreaterThan(0);
    for (const text of await masked.allInnerTexts()) expect(text).toMatch(MASKED_NIK);
    // Neither the HTML nor its flight data holds a worker's NIK in clear.
    const niks = await queryE2eDatabase<{ nik: string }>(
      `SELECT r.nik FROM worker_status w JOIN source_record r ON r.id = w.source_record_id WHERE w.business_id = $1::bigint AND r.nik IS NOT NULL`,
      [lead.id],
    );
    const html = await (await page.request.get(`/prospek/${lead.id}`)).text();
    for (const { nik } of niks) expect(html).not.toContain(nik);

    await section.getByRole("navigation", { name: "Halaman pekerja" }).getByRole("link", { name: "Berikutnya" }).click();
    await expect(page).toHaveURL(/halaman_pekerja=2#pekerja$/);
    await expect(section.getByRole("status")).toContainText("halaman 2 dari");

    await filter.getByRole("link", { name: /Belum terdaftar/ }).click();
    await expect(page).toHaveURL(/\?pekerja=belum-terdaftar#pekerja$/);
    await expect(filter.getByRole("link", { name: /Belum terdaftar/ })).toHaveAttribute("aria-current", "true");
    await expect(section.getByRole("status")).toContainText(`${lead.unregistered.toLocaleString("id-ID")} pekerja belum terdaftar · halaman 1`);
    await expect(rows).toHaveCount(Math.min(lead.unregistered, WORKER_PAGE_SIZE));
    await expect(rows.filter({ hasText: "Belum terdaftar" })).toHaveCount(await rows.count());
  });

  test("reveals the listed workers' NIKs with Tampilkan, audited by count", async ({ page }) => {
    await page.goto(`/prospek/${lead.id}?pekerja=belum-terdaftar`);
    const first = workersTable(page).locator("tbody tr").filter({ has: page.getByTitle("NIK disamarkan") }).first();
    const name = (await first.locator("td").first().innerText()).trim();
    const maskedNik = await first.getByTitle("NIK disamarkan").innerText();
    const shown = page.locator("tbody tr").filter({ hasText: name });

    const listedWithNik = await workersTable(page).getByTitle("NIK disamarkan").count();
    const started = new Date();
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await expect(page.getByText("Data pribadi ditampilkan.")).toBeVisible();
    const [worker] = await queryE2eDatabase<{ nik: string }>(
      `SELECT r.nik FROM worker_status w JOIN source_record r ON r.id = w.source_record_id WHERE w.business_id = $1::bigint AND r.name = $2`,
      [lead.id, name],
    );
    await expect(shown.getByText(worker!.nik, { exact: true })).toBeVisible();
    expect(`${worker!.nik.slice(0, 4)}••••••••${worker!.nik.slice(-4)}`).toBe(maskedNik);

    const events = await queryE2eDatabase<{ row: string; details: { workers?: number; counts?: Record<string, number> } }>(
      `SELECT row_to_json(a)::text AS row, details FROM audit_event a
       WHERE action = 'personal_data.reveal' AND actor_username = 'petugas' AND object_id = $1 AND occurred_at >= $2 ORDER BY id`,
      [lead.id, started],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.details.workers).toBe(listedWithNik);
    expect(events[0]!.details.counts?.nikValues).toBeGreaterThanOrEqual(listedWithNik);
    expect(findPersonalValues(events[0]!.row)).toEqual([]);

    // Another page lists other workers: masked again, until revealed again.
    await workersSection(page).getByRole("navigation", { name: "Saring pekerja menurut status" }).getByRole("link", { name: /Terdaftar segmen lain/ }).click();
    await expect(page).toHaveURL(/pekerja=segmen-lain/);
    await expect(page.getByRole("button", { name: "Tampilkan" })).toBeVisible();
    await expect(workersTable(page).getByTitle("NIK disamarkan").first()).toBeVisible();
  });

  test("downloads the workers not registered here as CSV and XLSX, NIKs in clear, audited with rows and SHA-256", async ({ page }) => {
    await page.goto(`/prospek/${lead.id}`);
    const section = workersSection(page);
    const expected = lead.listed - lead.here;
    await expect(section.getByText(`Daftar ${expected.toLocaleString("id-ID")} pekerja yang belum terdaftar di pemberi kerja ini`)).toBeVisible();

    const downloading = page.waitForEvent("download");
    await section.getByRole("link", { name: "Unduh CSV" }).click();
    const csvFile = await downloading;
    expect(csvFile.suggestedFilename()).toMatch(new RegExp(`^pekerja-belum-terdaftar-${lead.id}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = await readFile((await csvFile.path())!);
    const [header, ...rows] = (await readTableFile(csv, "csv")).rows as string[][];
    expect(header!.slice(0, 3)).toEqual(["NIK", "Nomor Paspor", "Nama Tenaga Kerja"]);
    expect(rows).toHaveLength(expected);
    const status = header!.indexOf("Status JKN");
    expect(new Set(rows.map((r) => r[status]))).not.toContain("Terdaftar di pemberi kerja ini");
    const niks = rows.map((r) => r[0]).filter(Boolean);
    expect(niks.length).toBeGreaterThan(0);
    for (const nik of niks) expect(nik).toMatch(/^\d{16}$/);

    const [event] = await queryE2eDatabase<{ details: { rows: number; sha256: string; format: string } }>(
      `SELECT details FROM audit_event WHERE action = 'lead.workers_export' AND outcome = 'SUCCESS' AND actor_username = 'petugas' AND object_id = $1
       ORDER BY id DESC LIMIT 1`,
      [lead.id],
    );
    expect(event!.details).toMatchObject({ format: "csv", rows: expected, sha256: createHash("sha256").update(csv).digest("hex") });

    const xlsxDownload = page.waitForEvent("download");
    await section.getByRole("link", { name: "Unduh XLSX" }).click();
    const xlsx = await readTableFile(await readFile((await (await xlsxDownload).path())!), "xlsx");
    expect(xlsx.rows).toHaveLength(expected + 1);
    // The same rows as the CSV, NIKs as text with every digit.
    expect(xlsx.rows.slice(1).map((r) => [r[0] ?? "", r[2]])).toEqual(rows.map((r) => [r[0], r[2]]));
  });

  test("keeps the workers section usable on a 390 px wide screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/prospek/${lead.id}#pekerja`);
    const section = workersSection(page);
    await expect(section.getByRole("heading", { name: /^Pekerja/ })).toBeInViewport();
    // The page itself does not scroll sideways; a wide table scrolls inside its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const table = workersTable(page);
    const box = (await table.locator("xpath=..").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // Name and status, the first columns, are on screen without scrolling.
    const firstRow = table.locator("tbody tr").first();
    for (const cell of [firstRow.locator("td").nth(0), firstRow.locator("td").nth(1)]) {
      const cellBox = (await cell.boundingBox())!;
      expect(cellBox.x + cellBox.width).toBeLessThanOrEqual(390);
    }
    // The filter, the pages and the download are within reach, and work.
    await section.getByRole("navigation", { name: "Saring pekerja menurut status" }).getByRole("link", { name: /Belum terdaftar/ }).click();
    await expect(page).toHaveURL(/pekerja=belum-terdaftar/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const link of [section.getByRole("link", { name: "Unduh CSV" }), section.getByRole("link", { name: "Unduh XLSX" })]) {
      const linkBox = (await link.boundingBox())!;
      expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(390);
    }
  });
});

test.describe("as a supervisor of Jawa Barat", () => {
  test.use({ storageState: authFile("supervisor") });

  test("sees the workers' JKN status on the dashboard where the last match run counted worker rows, and says so where not", async ({ page }) => {
    // The dashboard reads what the last match run aggregated (coverage_stat), not the live rows.
    const [stat] = await queryE2eDatabase<{ listed: string | null }>(
      `SELECT sum(workers_listed)::text AS listed FROM coverage_stat WHERE level = 'PROVINCE' AND region_code = '32' AND business_scale = '*' AND kbli_section = '*'`,
    );
    const listed = Number(stat?.listed ?? 0);
    await page.goto("/dasbor?wilayah=32");
    await page.getByRole("navigation", { name: "Ukuran grafik" }).getByRole("link", { name: "Tenaga kerja (status JKN)" }).click();
    await expect(page).toHaveURL(/wilayah=32&ukuran=tenaga-kerja/);
    const summary = page.getByLabel("Ringkasan cakupan Jawa Barat").getByRole("definition").first();
    await expect(summary).toHaveText(listed.toLocaleString("id-ID"));
    if (listed === 0) {
      await expect(page.getByRole("region", { name: "Belum ada data tenaga kerja Kemnaker untuk Jawa Barat" })).toBeVisible();
      return;
    }
    const regencies = page.getByRole("region", { name: /Terdaftar dan potensi tenaga kerja per kabupaten\/kota/ });
    await expect(regencies.getByRole("figure").locator("svg").first()).toBeVisible();
    const downloading = page.waitForEvent("download");
    await regencies.getByRole("link", { name: /Unduh CSV/ }).click();
    const csv = await readFile((await (await downloading).path())!, "utf8");
    expect(csv.startsWith("\uFEFFKabupaten/Kota,Tenaga kerja (data TK Kemnaker),Terdaftar di pemberi kerja ini,")).toBe(true);
    expect(csv.trimEnd().split("\r\n").at(-1)).toMatch(new RegExp(`^Jumlah,${listed},`));
  });
});

test.describe("as an officer of Kota Surabaya", () => {
  test("cannot download a Bandung business's workers: not found, and the attempt is audited DENIED", async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    await signInViaApi(request, "petugas2", DEMO_PASSWORD);
    const started = new Date();
    const response = await request.get(`/prospek/${lead.id}/pekerja/ekspor?format=csv`);
    expect(response.status()).toBe(404);
    expect(findPersonalValues(await response.text())).toEqual([]);
    await request.dispose();
    const events = await queryE2eDatabase<{ outcome: string; reason: string }>(
      `SELECT outcome, reason FROM audit_event WHERE action = 'lead.workers_export' AND actor_username = 'petugas2' AND object_id = $1 AND occurred_at >= $2`,
      [lead.id, started],
    );
    expect(events).toEqual([{ outcome: "DENIED", reason: "outside_region_scope" }]);
  });
});
