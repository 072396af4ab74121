/**
 * Exporting leads from the web as an officer (petugas, Kota Bandung 32.73) would: the list's
 * filter in the URL, CSV and XLSX, the files parsed here — rows, NPWP digits, masking — and the
 * region scope holding against every way of asking for another region's businesses. Supervisors
 * have no export permission at all.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { readTableFile } from "../tests/support/table-files.ts";
import { expectNoAxeViolations } from "./fixtures/axe.ts";
import { authFile } from "./fixtures/e2e-env.ts";

type Cell = string | number | null;

/** The masked forms the lead pages use (lib/identifiers): NIK `3273••••••••0001`, email `b•••@gmail.com`. */
const MASK = "•";
const WEBMAIL = /@(gmail|yahoo|ymail|hotmail|outlook|live|icloud|aol|protonmail)\./i;

function csvRows(body: Buffer): string[][] {
  return parse(body.toString("utf8"), { bom: true }) as string[][];
}

const xlsxRows = (body: Buffer) => readTableFile(body, "xlsx");

async function exportCount(request: APIRequestContext, query: string): Promise<{ rows: number; overCap: boolean; maxRows: number }> {
  const response = await request.get(`/prospek/ekspor/jumlah?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { rows: number; overCap: boolean; maxRows: number };
}

async function download(request: APIRequestContext, query: string): Promise<{ body: Buffer; fileName: string }> {
  const response = await request.get(`/prospek/ekspor?${query}`);
  expect(response.status(), await response.text().catch(() => "")).toBe(200);
  const disposition = response.headers()["content-disposition"] ?? "";
  return { body: await response.body(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? "" };
}

/** Every personal value in a file's rows is masked: no NIK-form NPWP, no clear webmail address. */
function expectMasked(header: Cell[], rows: Cell[][]) {
  const npwp = header.indexOf("NPWP");
  const email = header.indexOf("Email");
  for (const row of rows) {
    const n = String(row[npwp] ?? "");
    if (n) expect(n, "NPWP: 16 digits of an entity, or a masked NIK").toMatch(/^(0\d{15}|\d{4}•{8}\d{4})$/);
    const e = String(row[email] ?? "").replace(/^'/, "");
    if (WEBMAIL.test(e)) expect(e, "webmail addresses are masked").toContain(MASK);
  }
}

test.describe("as an officer of Kota Bandung", () => {
  test.use({ storageState: authFile("petugas") });

  test("exports the filtered leads as CSV and XLSX with the same rows, NPWP exact and personal data masked", async ({ page }) => {
    const filter = "wilayah=32.73&skala=mikro,kecil";
    const count = await exportCount(page.request, filter);
    expect(count.overCap).toBe(false);
    expect(count.maxRows).toBe(50_000);
    expect(count.rows).toBeGreaterThan(0);
    const columns = "kolom_ekspor=name,npwp,regionCode,businessScale,email,workerGap";

    const csv = await download(page.request, `${filter}&format=csv&${columns}`);
    expect(csv.fileName).toMatch(/^prospek-32\.73-\d{4}-\d{2}-\d{2}\.csv$/);
    const [csvHeader, ...csvData] = csvRows(csv.body);
    // In the export's fixed column order, whatever order the parameter names them in.
    expect(csvHeader).toEqual(["Nama Badan Usaha", "NPWP", "Kode Wilayah", "Skala Usaha", "Selisih Pekerja", "Email"]);
    expect(csvData).toHaveLength(count.rows);
    for (const row of csvData) {
      expect(row[2]).toMatch(/^32\.73(\.|$)/);
      expect(["Usaha Mikro", "Usaha Kecil"]).toContain(row[3]);
    }
    expectMasked(csvHeader!, csvData);

    const xlsx = await download(page.request, `${filter}&format=xlsx&${columns}`);
    expect(xlsx.fileName).toMatch(/^prospek-32\.73-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { rows, types } = await xlsxRows(xlsx.body);
    expect(rows[0]).toEqual(csvHeader);
    expect(rows).toHaveLength(count.rows + 1);
    // Same rows in the same order; the NPWP cell is text with all 16 digits.
    expect(rows.slice(1).map((row) => [row[0], row[1] ?? ""])).toEqual(csvData.map((row) => [row[0]!.replace(/^'/, ""), row[1]]));
    const withNpwp = rows.findIndex((row, i) => i > 0 && typeof row[1] === "string" && /^0\d{15}$/.test(row[1]));
    expect(withNpwp, "the filter holds a business with an NPWP").toBeGreaterThan(0);
    expect(types[withNpwp]![1]).toBe(ExcelJS.ValueType.RichText);
    expect(types[withNpwp]![4]).toBe(rows[withNpwp]![4] === null ? ExcelJS.ValueType.Null : ExcelJS.ValueType.Number);
    expectMasked(rows[0]!, rows.slice(1));
  });

  test("filters the list, opens Ekspor and downloads the same rows as CSV and XLSX", async ({ page }) => {
    await page.goto("/prospek");
    const filter = page.getByRole("search", { name: "Filter prospek" });
    // Region, scale and the rest fold away under "Tampilkan filter lainnya".
    await filter.getByText("Tampilkan filter lainnya").click();
    await filter.getByLabel("Provinsi").fill("Jawa Barat");
    const city = filter.getByLabel("Kabupaten/Kota");
    await expect(city).toBeEnabled();
    await city.fill("Kota Bandung");
    await expect(filter.getByLabel("Kecamatan", { exact: true })).toBeEnabled();
    await filter.getByRole("group", { name: "Skala usaha" }).getByLabel("Usaha Mikro").check();
    await filter.getByRole("button", { name: "Terapkan filter" }).click();
    await expect(page).toHaveURL(/wilayah=32\.73&skala=mikro/);
    // The list's own count of what the filter matches (exact below the list's count cap).
    const status = page.getByRole("status").filter({ hasText: /prospek cocok dengan filter/ });
    const listed = Number(/([\d.]+) prospek cocok/.exec(await status.innerText())![1]!.replace(/\./g, ""));
    expect(listed).toBeGreaterThan(0);

    for (const format of ["CSV", "XLSX"] as const) {
      await page.getByRole("button", { name: "Ekspor" }).click();
      const dialog = page.getByRole("dialog", { name: "Ekspor prospek" });
      await expect(dialog.getByText(`${listed.toLocaleString("id-ID")} baris`)).toBeVisible();
      await expect(dialog.getByText(/batas peran Anda: 50\.000 baris/)).toBeVisible();
      await dialog.getByRole("radio", { name: new RegExp(`^${format} —`) }).check();
      // The table's columns are ticked to start with; add NPWP and Email.
      await expect(dialog.getByRole("checkbox", { name: "Skala Usaha" })).toBeChecked();
      await dialog.getByRole("checkbox", { name: "NPWP", exact: true }).check();
      await dialog.getByRole("checkbox", { name: "Email", exact: true }).check();
      const downloading = page.waitForEvent("download");
      await dialog.getByRole("link", { name: `Unduh ${format}` }).click();
      const file = await downloading;
      expect(file.suggestedFilename()).toMatch(new RegExp(`^prospek-32\\.73-\\d{4}-\\d{2}-\\d{2}\\.${format.toLowerCase()}$`));
      const body = await readFile((await file.path())!);
      const rows = format === "CSV" ? csvRows(body) : (await xlsxRows(body)).rows;
      const header = rows[0]!;
      expect(header).toEqual(expect.arrayContaining(["Nama Badan Usaha", "NPWP", "Skala Usaha", "Email", "Status Tindak Lanjut"]));
      expect(rows.slice(1)).toHaveLength(listed);
      const scale = header.indexOf("Skala Usaha");
      for (const row of rows.slice(1)) expect(row[scale]).toBe("Usaha Mikro");
      const npwp = header.indexOf("NPWP");
      expect(rows.slice(1).some((row) => /^0\d{15}$/.test(String(row[npwp] ?? ""))), "16-digit NPWPs, leading zero kept").toBe(true);
      expectMasked(header, rows.slice(1));
      await expect(page.getByRole("status").filter({ hasText: `Unduhan ${format} dimulai` })).toBeVisible();
    }
  });

  test("recommends XLSX for Excel, sized to its content; CSV for Indonesian Excel splits on ';' and writes phones as dialled", async ({ page }) => {
    await page.goto("/prospek?wilayah=32.73");
    await page.getByRole("button", { name: "Ekspor" }).click();
    const dialog = page.getByRole("dialog", { name: "Ekspor prospek" });
    const xlsx = dialog.getByRole("radio", { name: /^XLSX — disarankan untuk Excel/ });
    await expect(xlsx).toBeChecked();
    // Plain CSV no longer says it is for Excel.
    await expect(dialog.getByRole("radio", { name: /^CSV — pemisah koma, untuk aplikasi lain/ })).toBeVisible();
    await dialog.getByRole("checkbox", { name: "Telepon", exact: true }).check();
    await dialog.getByRole("checkbox", { name: "NPWP", exact: true }).check();
    await expectNoAxeViolations(page);

    // XLSX: every column at least as wide as its longest value among the first rows, NPWP included.
    let downloading = page.waitForEvent("download");
    await dialog.getByRole("link", { name: "Unduh XLSX" }).click();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await (await downloading).path())!)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = Array.from({ length: sheet.columnCount }, (_, i) => sheet.getRow(1).getCell(i + 1).text);
    for (let c = 1; c <= header.length; c++) {
      let longest = header[c - 1]!.length;
      sheet.getColumn(c).eachCell((cell, row) => {
        if (row > 1 && row <= 501) longest = Math.max(longest, String(cell.text ?? "").length);
      });
      expect(sheet.getColumn(c).width, header[c - 1]).toBeGreaterThanOrEqual(Math.min(longest, 60));
    }

    await page.getByRole("button", { name: "Ekspor" }).click();
    await dialog.getByRole("radio", { name: /^CSV \(Excel Indonesia\)/ }).check();
    await dialog.getByRole("checkbox", { name: "Telepon", exact: true }).check();
    downloading = page.waitForEvent("download");
    await dialog.getByRole("link", { name: "Unduh CSV (Excel Indonesia)" }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile((await file.path())!, "utf8");
    expect(text.split("\r\n")[0]).toMatch(/^\uFEFFNama Badan Usaha;/);
    const rows = parse(text, { bom: true, delimiter: ";" }) as string[][];
    const phone = rows[0]!.indexOf("Telepon");
    const phones = rows.slice(1).map((row) => row[phone]!).filter(Boolean);
    expect(phones.length, "the demo leads of Kota Bandung have phone numbers").toBeGreaterThan(0);
    // As people dial them, no formula guard needed: no '+62…, no apostrophe.
    for (const value of phones) expect(value).toMatch(/^0[\d•-]/);
  });

  test("cannot export another region's businesses by any route", async ({ page, browser }) => {
    // A Surabaya business, as an admin sees it.
    const admin = await browser.newContext({ storageState: authFile("admin") });
    try {
      const surabaya = csvRows((await download(admin.request, "wilayah=35.78&semua=1&format=csv&kolom_ekspor=name,npwp,regionCode")).body).slice(1);
      expect(surabaya.length).toBeGreaterThan(0);
      const npwp = surabaya.find((row) => /^0\d{15}$/.test(row[1] ?? ""))?.[1];
      expect(npwp, "a Surabaya business with an NPWP").toBeTruthy();

      for (const query of ["wilayah=35.78", "wilayah=35", `cari=${npwp}&semua=1`, "wilayah=35.78,32.73.01&semua=1"]) {
        const own = query.includes("32.73") ? await exportCount(page.request, "wilayah=32.73.01&semua=1") : { rows: 0 };
        expect((await exportCount(page.request, query)).rows, query).toBe(own.rows);
        const rows = csvRows((await download(page.request, `${query}&format=csv&kolom_ekspor=regionCode`)).body).slice(1);
        expect(rows, query).toHaveLength(own.rows);
        for (const row of rows) expect(row[0], query).toMatch(/^32\.73/);
      }
    } finally {
      await admin.close();
    }
  });

  test("gets a clear refusal for an unknown format or column", async ({ page }) => {
    const format = await page.request.get("/prospek/ekspor?format=pdf");
    expect(format.status()).toBe(400);
    expect(await format.text()).toContain("Format ekspor tidak dikenal");
    const column = await page.request.get("/prospek/ekspor?kolom_ekspor=name,nik");
    expect(column.status()).toBe(400);
    expect(await column.text()).toContain("Kolom tidak dikenal: nik");
  });
});

test.describe("as a supervisor", () => {
  test.use({ storageState: authFile("supervisor") });

  test("is refused the export and its count (no leads.export)", async ({ page }) => {
    for (const path of ["/prospek/ekspor?wilayah=32.73&format=csv", "/prospek/ekspor?format=xlsx", "/prospek/ekspor/jumlah?wilayah=32.73"]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(403);
      expect(response.headers()["content-disposition"]).toBeUndefined();
    }
  });
});

