import { configure, Uint8ArrayReader, ZipReader, type FileEntry } from "@zip.js/zip.js";
import { describe, expect, it } from "vitest";
import {
  ImportRefusedError,
  openPartnerFile,
  type OpenPartnerFileOptions,
} from "@/server/ingest/read/open-partner-file.ts";
import {
  buildZip,
  collect,
  declareUncompressedSize,
  simpleCsv,
  createFixtureDir,
  windows1252,
  type ZipFixtureEntry,
  type ZipFixtureOptions,
} from "@/tests/support/ingest-fixtures.ts";

const fixtures = createFixtureDir();
const PASSWORD = "Rahasia-Mitra#2025";
const CSV = "npwp;nama;alamat\n01;PT Café;\"Jl. Soekarno–Hatta\nNo. 5\"\n02;CV B;Jl. C\n";

async function zipFile(entries: ZipFixtureEntry[], options: ZipFixtureOptions = {}): Promise<string> {
  // No .zip extension: ZIPs are recognised by their magic bytes, not their name.
  return fixtures.write(`upload-${Math.random().toString(36).slice(2)}.bin`, await buildZip(entries, options));
}

async function readAll(path: string, options: Omit<OpenPartnerFileOptions, "path"> = {}) {
  const file = await openPartnerFile({ path, ...options });
  return { ...file, rows: await collect(file.rows) };
}

async function refusal(path: string, options: Omit<OpenPartnerFileOptions, "path"> = {}): Promise<ImportRefusedError> {
  const error = await readAll(path, options).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  const refused = error as ImportRefusedError;
  if (options.password) expect(refused.message).not.toContain(options.password);
  return refused;
}

/** A wrong password that ZipCrypto's one-byte check accepts (about 1 in 256 do). */
async function passwordPassingZipCryptoCheck(zip: Uint8Array): Promise<string> {
  configure({ useWebWorkers: false });
  const [entry] = (await new ZipReader(new Uint8ArrayReader(zip)).getEntries()) as FileEntry[];
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = `salah-${attempt}`;
    const passes = await entry!.getData(new WritableStream(), { password: candidate, checkPasswordOnly: true }).then(
      () => true,
      () => false,
    );
    if (passes) return candidate;
  }
  throw new Error("no password passed the ZipCrypto check in 10,000 attempts");
}

const EXPECTED_ROWS = [
  { line: 2, cells: ["01", "PT Café", "Jl. Soekarno–Hatta\nNo. 5"] },
  { line: 4, cells: ["02", "CV B", "Jl. C"] },
];

describe("ZIP archives", () => {
  it("reads the CSV of an unencrypted ZIP", async () => {
    const file = await readAll(await zipFile([{ name: "kemnaker-2025-s1.csv", content: CSV }]));
    expect(file.zipEntry).toBe("kemnaker-2025-s1.csv");
    expect(file.bytesTotal).toBe(Buffer.byteLength(CSV));
    expect(file.delimiter).toBe(";");
    expect(file.header).toEqual(["npwp", "nama", "alamat"]);
    expect(file.rows).toEqual(EXPECTED_ROWS);
  });

  it.each([1, 2, 3] as const)("reads a ZIP encrypted with AES (strength %i)", async (encryptionStrength) => {
    const path = await zipFile([{ name: "data.csv", content: CSV }], { password: PASSWORD, encryptionStrength });
    const file = await readAll(path, { password: PASSWORD });
    expect(file.rows).toEqual(EXPECTED_ROWS);
  });

  it("reads a ZIP encrypted with legacy ZipCrypto", async () => {
    const path = await zipFile([{ name: "data.csv", content: CSV }], { password: PASSWORD, zipCrypto: true });
    const file = await readAll(path, { password: PASSWORD });
    expect(file.rows).toEqual(EXPECTED_ROWS);
  });

  it("reads a stored (uncompressed) Windows-1252 CSV inside an AES ZIP", async () => {
    const path = await zipFile([{ name: "data.csv", content: windows1252(CSV) }], { password: PASSWORD, level: 0 });
    const file = await readAll(path, { password: PASSWORD });
    expect(file.encoding).toBe("windows-1252");
    expect(file.rows).toEqual(EXPECTED_ROWS);
  });

  it("streams a multi-chunk CSV out of an AES ZIP with right line numbers and progress", async () => {
    const text = simpleCsv(40_000);
    const path = await zipFile([{ name: "besar.csv", content: text }], { password: PASSWORD });
    let last: [number, number] = [0, 0];
    const file = await readAll(path, { password: PASSWORD, onProgress: (read, total) => (last = [read, total]) });
    expect(file.rows).toHaveLength(40_000);
    expect(file.rows.at(-1)).toEqual({ line: 40_001, cells: ["040000", "PT Contoh 40000", "Jl. Merdeka 40000"] });
    expect(last).toEqual([Buffer.byteLength(text), Buffer.byteLength(text)]);
  });

  it("ignores non-CSV companions such as a readme", async () => {
    const path = await zipFile([
      { name: "BACA-SAYA.pdf", content: "%PDF-1.4" },
      { name: "data.CSV", content: CSV },
    ]);
    expect((await readAll(path)).zipEntry).toBe("data.CSV");
  });

  it("can be closed halfway through a ZIP", async () => {
    const path = await zipFile([{ name: "data.csv", content: simpleCsv(50_000) }], { password: PASSWORD });
    const file = await openPartnerFile({ path, password: PASSWORD });
    for await (const row of file.rows) if (row.line === 100) break;
    await file.close();
  });
});

describe("ZIP passwords", () => {
  it.each([
    ["AES", { password: PASSWORD }],
    ["ZipCrypto", { password: PASSWORD, zipCrypto: true }],
  ] as const)("asks for the password of a %s ZIP opened without one", async (_, options) => {
    const error = await refusal(await zipFile([{ name: "data.csv", content: CSV }], options));
    expect(error.code).toBe("zip_password_required");
    expect(error.message).toBe("Berkas ZIP dilindungi kata sandi: masukkan kata sandinya");
  });

  it.each([
    ["AES", { password: PASSWORD }],
    ["ZipCrypto", { password: PASSWORD, zipCrypto: true }],
  ] as const)("refuses a wrong password for a %s ZIP, without echoing it", async (_, options) => {
    const wrong = "Salah-Ketik#2025";
    const error = await refusal(await zipFile([{ name: "data.csv", content: CSV }], options), { password: wrong });
    expect(error.code).toBe("zip_wrong_password");
    expect(error.message).toMatch(/kata sandi/i);
    expect(`${error.message} ${String(error.cause)}`).not.toContain(wrong);
  });

  it.each([
    ["deflated", 6],
    ["stored", 0],
  ])(
    "refuses a wrong ZipCrypto password that passes its one-byte check (%s entry)",
    async (_, level) => {
      const bytes = await buildZip([{ name: "data.csv", content: simpleCsv(3000) }], { password: PASSWORD, zipCrypto: true, level });
      const lucky = await passwordPassingZipCryptoCheck(bytes);
      const error = await refusal(await fixtures.write(`lucky-${level}.bin`, bytes), { password: lucky });
      expect(error.code).toBe("zip_wrong_password");
    },
  );

  it("never puts the password in a refusal", async () => {
    const error = await refusal(await zipFile([{ name: "a.csv", content: CSV }, { name: "b.csv", content: CSV }], { password: PASSWORD }), {
      password: PASSWORD,
    });
    expect(error.code).toBe("zip_multiple_csv");
  });
});

describe("ZIP refusals, before any row is read", () => {
  it.each(["../data.csv", "/etc/data.csv", "laporan/data.csv", "laporan\\data.csv", "C:data.csv", ".."])(
    "refuses an entry with a path: %j",
    async (name) => {
      const error = await refusal(await zipFile([{ name, content: CSV }]));
      expect(error.code).toBe("zip_unsafe_entry_name");
      expect(error.message).toContain(name);
    },
  );

  it("refuses more entries than maxEntries", async () => {
    const entries = Array.from({ length: 11 }, (_, index) => ({ name: `lampiran-${index}.txt.bak`, content: "x" }));
    const error = await refusal(await zipFile([...entries, { name: "data.csv", content: CSV }]));
    expect(error.code).toBe("zip_too_many_entries");
  });

  it("honours a lower maxEntries", async () => {
    const path = await zipFile([
      { name: "readme.md", content: "x" },
      { name: "data.csv", content: CSV },
    ]);
    expect((await refusal(path, { limits: { maxEntries: 1 } })).code).toBe("zip_too_many_entries");
  });

  it("refuses a central directory too big for maxEntries without reading it into memory", async () => {
    // 30 entries with 60 KB names: a 1.8 MB directory, more than 1 entry can need.
    const entries = Array.from({ length: 30 }, (_, index) => ({ name: `${"n".repeat(60_000)}${index}.txt`, content: "x" }));
    const error = await refusal(await zipFile(entries), { limits: { maxEntries: 1 } });
    expect(error.code).toBe("zip_too_many_entries");
    expect(error.message).toContain("terlalu besar");
  });

  it("refuses a ZIP with no CSV", async () => {
    const error = await refusal(await zipFile([{ name: "laporan.pdf", content: "%PDF" }]));
    expect(error.code).toBe("zip_no_csv");
  });

  it("recognises an Excel workbook and says so", async () => {
    const error = await refusal(
      await zipFile([
        { name: "[Content_Types].xml", content: "<Types/>" },
        { name: "workbook.xml", content: "<workbook/>" },
      ]),
    );
    expect(error.code).toBe("zip_no_csv");
    expect(error.message).toContain("Excel");
  });

  it("refuses more than one candidate CSV, naming them", async () => {
    const error = await refusal(
      await zipFile([
        { name: "kemnaker-jabar.csv", content: CSV },
        { name: "kemnaker-jateng.txt", content: CSV },
      ]),
    );
    expect(error.code).toBe("zip_multiple_csv");
    expect(error.message).toContain('"kemnaker-jabar.csv"');
    expect(error.message).toContain('"kemnaker-jateng.txt"');
  });

  it("refuses a ZIP over maxFileBytes", async () => {
    const path = await zipFile([{ name: "data.csv", content: simpleCsv(2000) }], { level: 0 });
    expect((await refusal(path, { limits: { maxFileBytes: 10_000 } })).code).toBe("file_too_large");
  });

  it("refuses a ZIP whose declared uncompressed total is over maxUncompressedBytes", async () => {
    const path = await zipFile([{ name: "data.csv", content: simpleCsv(2000) }]);
    expect((await refusal(path, { limits: { maxUncompressedBytes: 10_000 } })).code).toBe("zip_too_large");
  });

  it("refuses a zip bomb: a highly compressible large entry", async () => {
    // 8 MB of one repeated row deflates about 1000:1.
    const bomb = "npwp,nama\n" + "0,0\n".repeat(2 * 1024 * 1024);
    const path = await zipFile([{ name: "data.csv", content: bomb }], { level: 9 });
    const file = await openPartnerFile({ path }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(file).toBeInstanceOf(ImportRefusedError);
    expect((file as ImportRefusedError).code).toBe("zip_bomb");
  });

  it("does not call a small, very compressible CSV a bomb", async () => {
    const small = "npwp,nama\n" + "0,0\n".repeat(100_000); // 400 KB
    const file = await readAll(await zipFile([{ name: "data.csv", content: small }], { level: 9 }));
    expect(file.rows).toHaveLength(100_000);
  });

  it("refuses a ZIP whose entry decompresses to more than it declares", async () => {
    // Declared sizes can lie: the bytes really decompressed are counted (here zip.js notices
    // within the first chunk, so the refusal comes while sniffing, before any row).
    const honest = await buildZip([{ name: "data.csv", content: simpleCsv(5000) }], { level: 0 });
    const path = await fixtures.write("lying.bin", declareUncompressedSize(honest, 1000));
    expect((await refusal(path)).code).toBe("zip_size_mismatch");
  });

  it("refuses an empty CSV inside a ZIP", async () => {
    expect((await refusal(await zipFile([{ name: "data.csv", content: "" }]))).code).toBe("empty_file");
  });

  it("refuses a truncated ZIP as damaged", async () => {
    const whole = await buildZip([{ name: "data.csv", content: simpleCsv(100) }]);
    const path = await fixtures.write("truncated.bin", whole.subarray(0, whole.length - 30));
    expect((await refusal(path)).code).toBe("zip_corrupt");
  });
});
