/**
 * No personal value leaves the server in clear unless revealed through "Tampilkan": as every
 * demo role, every page the navigation offers, a sample of lead pages whose sources carry NIKs,
 * mobile numbers and emails (notaries' among them), the review queue, the lead exports (CSV and
 * XLSX, every column), the dashboard chart CSVs, the audit export and the partner API are fetched,
 * and each body — HTML with its RSC flight data, CSV, the XLSX's cell text, JSON — is scanned for
 * NIK-, mobile- and email-shaped values. Any of them that is one of the demo data's personal values (read from the
 * e2e database: every personal-shaped cell a partner sent) fails the test.
 */
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { LEAD_COLUMNS } from "../lib/leads/lead-columns.ts";
import { navItemsFor } from "../lib/navigation.ts";
import { PARTNER_LABELS } from "../lib/partner-api.ts";
import { findPersonalValues, personalKindOf, personalValueKey } from "../lib/personal-data.ts";
import type { Role } from "../lib/permissions.ts";
import { signInViaApi } from "./fixtures/auth.ts";
import { queryE2eDatabase } from "./fixtures/database.ts";
import { authFile, DEMO_PASSWORD, DEMO_USERS } from "./fixtures/e2e-env.ts";

// One sweep per role over a few hundred responses.
test.describe.configure({ timeout: 240_000 });

const ROLES: { username: string; role: Role; storage?: string }[] = [
  { username: "admin", role: "ADMIN", storage: authFile("admin") },
  { username: "supervisor", role: "SUPERVISOR", storage: authFile("supervisor") },
  { username: "petugas", role: "OFFICER", storage: authFile("petugas") },
  // Signed in here: the shared sessions cover one officer only.
  { username: "petugas2", role: "OFFICER" },
  { username: "auditor", role: DEMO_USERS.auditor.role },
];

const CHARTS = ["wilayah", "skala", "kbli", "sumber", "tren", "corong", "petugas"];

/** The demo data's personal values, one key each (personalValueKey), from every cell partners sent. */
async function personalValuesOfDemoData(): Promise<Set<string>> {
  const rows = await queryE2eDatabase<{ value: string }>(
    `SELECT DISTINCT v AS value FROM (
       SELECT unnest(raw) AS v FROM source_record
       UNION ALL SELECT nik FROM source_record UNION ALL SELECT phone FROM source_record
       UNION ALL SELECT email FROM source_record UNION ALL SELECT npwp FROM source_record
       UNION ALL SELECT extra->>'contactPhone' FROM source_record
       UNION ALL SELECT phone FROM business UNION ALL SELECT email FROM business UNION ALL SELECT npwp FROM business
     ) cells WHERE v IS NOT NULL AND v <> ''`,
  );
  const keys = new Set<string>();
  for (const { value } of rows) {
    const kind = personalKindOf(value);
    if (kind) keys.add(personalValueKey(kind, value));
  }
  return keys;
}

/** Lead pages worth opening: businesses whose records carry personal values, in every demo region. */
async function sampleLeadIds(): Promise<string[]> {
  const rows = await queryE2eDatabase<{ id: string }>(
    `(SELECT DISTINCT ON (b.regency_code) b.id::text AS id FROM business b JOIN business_record br ON br.business_id = b.id
        JOIN source_record r ON r.id = br.source_record_id
       WHERE r.source = 'ahu-pengurus' AND r.nik IS NOT NULL ORDER BY b.regency_code, b.id LIMIT 6)
     UNION
     (SELECT DISTINCT ON (b.regency_code) b.id::text FROM business b JOIN business_record br ON br.business_id = b.id
        JOIN source_record r ON r.id = br.source_record_id
       WHERE r.extra ? 'contactPhone' ORDER BY b.regency_code, b.id LIMIT 6)
     UNION
     (SELECT DISTINCT ON (b.regency_code) b.id::text FROM business b
       WHERE b.email ~* '@(gmail|yahoo|hotmail|outlook|ymail)\\.' OR b.phone LIKE '+628%' OR b.npwp ~ '^[1-9][0-9]{15}$'
       ORDER BY b.regency_code, b.id LIMIT 8)
     UNION
     (SELECT DISTINCT ON (b.regency_code) b.id::text FROM business b WHERE b.kind = 'NOTARIS' AND b.is_lead
       ORDER BY b.regency_code, b.id LIMIT 4)`,
  );
  return rows.map((r) => r.id);
}

async function xlsxText(body: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
  return cells.join("\n");
}

interface Leak {
  where: string;
  kind: string;
  value: string;
}

function leaksIn(where: string, text: string, personal: Set<string>): Leak[] {
  return findPersonalValues(text)
    .filter(({ kind, value }) => personal.has(personalValueKey(kind, value)))
    .map(({ kind, value }) => ({ where, kind, value }));
}

test("no personal value of the demo data leaves the server in clear, for any role, on any page, file or API answer", async ({ playwright, browser, baseURL }) => {
  const personal = await personalValuesOfDemoData();
  // The demo data has every kind: otherwise the sweep would prove nothing.
  expect(personal.size).toBeGreaterThan(100);
  const leadIds = await sampleLeadIds();
  expect(leadIds.length).toBeGreaterThan(5);

  const leaks: Leak[] = [];
  let scanned = 0;
  const scan = (where: string, text: string) => {
    scanned++;
    leaks.push(...leaksIn(where, text, personal));
  };

  for (const { username, role, storage } of ROLES) {
    const request = await playwright.request.newContext({ baseURL, storageState: storage ?? { cookies: [], origins: [] } });
    if (!storage) await signInViaApi(request, username, DEMO_PASSWORD);
    const get = async (path: string, binary = false) => {
      const response = await request.get(path);
      // Refusals (403/404 for another region) are answers too: scanned all the same.
      const body = await response.body();
      scan(`${username} ${path}`, binary ? await xlsxText(body) : body.toString("utf8"));
      return response;
    };

    const pages = navItemsFor(role).map((item) => item.href);
    for (const path of pages) {
      await get(path);
      // The RSC flight answer of a client-side navigation, not only the first HTML.
      const flight = await request.get(path, { headers: { RSC: "1" } });
      scan(`${username} ${path} (RSC)`, await flight.text());
    }
    if (pages.includes("/tinjauan")) for (const status of ["dikonfirmasi", "ditolak"]) await get(`/tinjauan?status=${status}`);
    if (pages.includes("/prospek")) {
      for (const id of leadIds) await get(`/prospek/${id}`);
      await get("/prospek?semua=1");
      const columns = `kolom_ekspor=${LEAD_COLUMNS.map((c) => c.key).join(",")}`;
      await get(`/prospek/ekspor?semua=1&format=csv&${columns}`);
      const xlsx = await request.get(`/prospek/ekspor?semua=1&format=xlsx&${columns}`);
      if (xlsx.ok()) scan(`${username} export xlsx`, await xlsxText(await xlsx.body()));
    }
    if (pages.includes("/dasbor")) for (const chart of CHARTS) await get(`/dasbor/unduh?grafik=${chart}`);
    if (pages.includes("/audit")) await get("/audit/ekspor");
    await request.dispose();
  }

  // The partner API, with a key an admin makes on Kunci API Mitra, asked about the demo
  // data's own notaries (by NIK) and entities (by NPWP, some of them NIKs).
  const admin = await browser.newContext({ storageState: authFile("admin") });
  const page = await admin.newPage();
  await page.goto("/impor/kunci-api");
  await page.getByLabel("Mitra", { exact: true }).selectOption({ label: PARTNER_LABELS.ahu });
  await page.getByLabel("Nama kunci").fill(`Sapuan data pribadi ${Date.now()}`);
  await page.getByRole("button", { name: "Buat kunci" }).click();
  const secret = await page.getByLabel("Kunci API baru").inputValue();
  await admin.close();
  const niks = (await queryE2eDatabase<{ nik: string }>(`SELECT nik FROM source_record WHERE source = 'ahu-notaris' AND nik IS NOT NULL LIMIT 20`)).map((r) => r.nik);
  const npwps = (await queryE2eDatabase<{ npwp: string }>(`SELECT npwp FROM source_record WHERE source = 'ahu-entitas' AND npwp IS NOT NULL ORDER BY npwp_is_nik DESC LIMIT 20`)).map((r) => r.npwp);
  const partner = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const status = await partner.post("/api/v1/partners/ahu/status", {
    headers: { Authorization: `Bearer ${secret}` },
    data: { nik: niks, npwp: npwps },
  });
  expect(status.status(), await status.text()).toBe(200);
  scan("partner API status", await status.text());
  scan("partner API openapi.json", await (await partner.get("/api/v1/openapi.json")).text());
  await partner.dispose();

  test.info().annotations.push({ type: "scanned", description: `${scanned} bodies, ${personal.size} personal values, ${leadIds.length} lead pages per role` });
  expect(scanned).toBeGreaterThan(50);
  expect(leaks.slice(0, 20), `${leaks.length} personal values in clear`).toEqual([]);
});


test.describe("search by NIK", () => {
  test.use({ storageState: authFile("petugas") });

  test("posts the NIK: the URL carries an opaque token, the list finds the business, the audit trail only the masked value", async ({ page }) => {
    const [lead] = await queryE2eDatabase<{ name: string; npwp: string }>(
      `SELECT name, npwp FROM business WHERE regency_code = '32.73' AND is_lead AND npwp ~ '^[1-9][0-9]{15}$' ORDER BY id LIMIT 1`,
    );
    expect(lead, "the demo data has a business in Kota Bandung whose NPWP is a NIK").toBeDefined();
    const nik = lead!.npwp;

    await page.goto("/prospek");
    await page.getByLabel("Cari", { exact: true }).fill(nik);
    await page.getByRole("button", { name: "Terapkan filter" }).click();
    await expect(page).toHaveURL(/[?&]cari-token=/);
    expect(page.url()).not.toContain(nik);
    await expect(page.getByRole("link", { name: lead!.name }).first()).toBeVisible();
    // The box shows the search masked, and the page (HTML and flight data) never holds the NIK.
    await expect(page.getByLabel("Cari", { exact: true })).toHaveValue(`${nik.slice(0, 4)}••••••••${nik.slice(-4)}`);
    expect(await (await page.request.get(page.url())).text()).not.toContain(nik);

    // Applying another filter keeps the sealed search.
    await page.getByRole("button", { name: "Terapkan filter" }).click();
    await expect(page.getByRole("link", { name: lead!.name }).first()).toBeVisible();
    expect(page.url()).not.toContain(nik);

    // A NIK typed straight into the address bar is moved into a token at once.
    await page.goto(`/prospek?cari=${nik}&wilayah=32.73`);
    await expect(page).toHaveURL(/[?&]cari-token=/);
    expect(page.url()).not.toContain(nik);
    expect(page.url()).toContain("wilayah=32.73");
    await expect(page.getByRole("link", { name: lead!.name }).first()).toBeVisible();

    const events = await queryE2eDatabase<{ row: string; details: { searchKind?: string; filter?: { q?: string } } }>(
      `SELECT row_to_json(a)::text AS row, details FROM audit_event a WHERE action = 'lead.search' AND actor_username = 'petugas' ORDER BY id DESC LIMIT 2`,
    );
    expect(events.length).toBeGreaterThan(0);
    for (const { row, details } of events) {
      expect(row).not.toContain(nik);
      expect(details).toMatchObject({ searchKind: "nik", filter: { q: `${nik.slice(0, 4)}••••••••${nik.slice(-4)}` } });
    }
  });

  test("a search link whose token is forged, expired or another user's finds nothing and says why", async ({ page }) => {
    await page.goto("/prospek?cari-token=v1.AAAAAAAA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA");
    await expect(page.getByRole("alert").filter({ hasText: "sudah kedaluwarsa" })).toBeVisible();
    await expect(page.getByText("prospek cocok dengan filter")).toHaveCount(0);
  });
});
