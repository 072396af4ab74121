/**
 * Ambil prospek end to end: the admin switches self-taking on for Kota Semarang on "Pengambilan
 * prospek per wilayah" (confirmed, audited, the page axe-clean); an officer of Kota Semarang
 * finds the lead under "Bisa saya ambil", takes it and finds it in Tindak Lanjut Saya; an officer
 * of Kota Surakarta gets "not found" for it and no button on his own city's unassigned lead,
 * where the switch is off. The leads come the way partners deliver them (a Kemnaker file through
 * the `jangkau` CLI) under a name no other test uses, in two cities no other spec touches.
 */
import { randomInt } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { makeNpwp15 } from "../lib/identifiers/npwp.ts";
import { newSignedInContext } from "./fixtures/auth.ts";
import { expectNoAxeViolations } from "./fixtures/axe.ts";
import { runJangkau } from "./fixtures/cli.ts";
import { queryE2eDatabase, writeE2eDatabase } from "./fixtures/database.ts";
import { authFile } from "./fixtures/e2e-env.ts";
import { createUserViaCli, type TestUser } from "./fixtures/users.ts";

const STEM = `Zuk${Array.from({ length: 5 }, () => "bdfgklmnprstv"[randomInt(13)]).join("")}a`;
const SEMARANG_LEAD = `PT ${STEM} Semarang Raya`;
const SURAKARTA_LEAD = `CV ${STEM} Solo Makmur`;
const npwp = () => `0${makeNpwp15(`02${String(randomInt(1_000_000)).padStart(6, "0")}`, "511", "000")}`;

test.describe.configure({ mode: "serial" });

let semarangOfficer: TestUser;
let surakartaOfficer: TestUser;
let leadUrl = "";
let surakartaLeadUrl = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(tmpdir(), "jangkau-e2e-ambil-"));
  try {
    const kemnaker = path.join(dir, "kemnaker-bu.csv");
    await writeFile(
      kemnaker,
      [
        "Nomor Pokok Wajib Pajak (NPWP),Nama Pemberi Kerja,Kode Kabupaten,Kode Kecamatan,Alamat,Jumlah Pekerja",
        `${npwp()},${SEMARANG_LEAD},33.74,33.74.01,Jl. Pemuda 12,60`,
        `${npwp()},${SURAKARTA_LEAD},33.72,33.72.01,Jl. Slamet Riyadi 8,25`,
      ].join("\n") + "\n",
    );
    await runJangkau(["import", "--source", "kemnaker-bu", "--period", "2025-S2", "--wait", "--json", kemnaker]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  [semarangOfficer, surakartaOfficer] = [
    await createUserViaCli({ role: "OFFICER", regionCodes: ["33.74"], prefix: "smg", name: "Sekar Petugas Semarang" }),
    await createUserViaCli({ role: "OFFICER", regionCodes: ["33.72"], prefix: "slo", name: "Surya Petugas Solo" }),
  ];
  const ids = await queryE2eDatabase<{ id: string; regency_code: string }>(`SELECT id::text, regency_code FROM business WHERE name ILIKE $1`, [`%${STEM}%`]);
  leadUrl = `/prospek/${ids.find((b) => b.regency_code === "33.74")?.id}`;
  surakartaLeadUrl = `/prospek/${ids.find((b) => b.regency_code === "33.72")?.id}`;
});

test.afterAll(async () => {
  // Leave the shared server as other specs expect it: no city of theirs is switched on anyway.
  await writeE2eDatabase(7_101, (client) => client.query(`DELETE FROM lead_take_region WHERE region_code = '33.74'`));
});

async function signedInPage(browser: import("@playwright/test").Browser, user: TestUser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await newSignedInContext(browser, user.username, user.password);
  return { page: await context.newPage(), close: () => context.close() };
}

test.describe("as the admin", () => {
  test.use({ storageState: authFile("admin") });

  test("switches self-taking on for Kota Semarang, after confirming, on an axe-clean page", async ({ page }) => {
    await page.goto("/pengguna");
    await page.getByRole("link", { name: "Pengambilan prospek per wilayah" }).click();
    await expect(page.getByRole("heading", { name: "Pengambilan prospek per wilayah", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: /kabupaten\/kota di Jawa Tengah/i }).click();
    const regencies = page.getByRole("region", { name: /Kabupaten\/kota di Jawa Tengah/i });
    const toggle = regencies.getByRole("switch", { name: "Petugas boleh mengambil prospek di Kota Semarang" });
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await expectNoAxeViolations(page);

    await toggle.click();
    const dialog = page.getByRole("dialog", { name: "Aktifkan di Kota Semarang?" });
    await expect(dialog).toContainText("belum ditugaskan");
    await dialog.getByRole("button", { name: "Aktifkan" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: "Petugas kini dapat mengambil prospek yang belum ditugaskan di Kota Semarang." })).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await expectNoAxeViolations(page);

    const [event] = await queryE2eDatabase<{ details: { from: boolean; to: boolean } }>(
      `SELECT details FROM audit_event WHERE action = 'lead_take.region_set' AND object_id = '33.74' ORDER BY id DESC LIMIT 1`,
    );
    expect(event?.details).toMatchObject({ from: false, to: true });
  });
});

test("the officer of Kota Semarang finds the lead under Bisa saya ambil, takes it and finds it in Tindak Lanjut", async ({ browser }) => {
  const { page, close } = await signedInPage(browser, semarangOfficer);
  try {
    await page.goto("/prospek");
    const filter = page.getByRole("search", { name: "Filter prospek" });
    await filter.getByLabel("Petugas").selectOption({ label: "Bisa saya ambil" });
    await filter.getByRole("button", { name: "Terapkan filter" }).click();
    await expect(page).toHaveURL(/petugas=bisa-diambil/);
    await page.getByRole("link", { name: SEMARANG_LEAD }).click();
    await expect(page.getByRole("heading", { name: SEMARANG_LEAD, level: 1 })).toBeVisible();
    await expectNoAxeViolations(page, "section[aria-label='Ambil prospek']");

    await page.getByRole("button", { name: "Ambil prospek ini" }).click();
    await expect(page.getByRole("status").filter({ hasText: `kini ditugaskan kepada Anda` })).toBeVisible();
    const followUp = page.getByRole("region", { name: "Tindak lanjut", exact: true });
    await expect(followUp).toContainText(`${semarangOfficer.name} (${semarangOfficer.username})`);
    await expect(page.getByRole("button", { name: "Ambil prospek ini" })).toHaveCount(0);

    await page.getByRole("link", { name: "Buka Tindak Lanjut Saya" }).click();
    await expect(page.getByRole("heading", { name: "Tindak Lanjut Saya", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: SEMARANG_LEAD })).toBeVisible();
  } finally {
    await close();
  }
});

test("the officer of Kota Surakarta cannot: not found for that lead, no button where the switch is off", async ({ browser }) => {
  const { page, close } = await signedInPage(browser, surakartaOfficer);
  try {
    const response = await page.goto(leadUrl);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(SEMARANG_LEAD)).toHaveCount(0);

    await page.goto(surakartaLeadUrl);
    await expect(page.getByRole("heading", { name: SURAKARTA_LEAD, level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Tindak lanjut", exact: true })).toContainText("belum ditugaskan");
    await expect(page.getByRole("button", { name: "Ambil prospek ini" })).toHaveCount(0);
  } finally {
    await close();
  }
});
