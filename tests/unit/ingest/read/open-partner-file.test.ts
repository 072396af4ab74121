import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ImportRefusedError,
  openPartnerFile,
  type OpenPartnerFileOptions,
} from "@/server/ingest/read/open-partner-file.ts";
import { collect, simpleCsv, createFixtureDir, utf8WithBom, windows1252 } from "@/tests/support/ingest-fixtures.ts";

const fixtures = createFixtureDir();

async function read(content: string | Uint8Array, options: Omit<OpenPartnerFileOptions, "path"> = {}) {
  const path = await fixtures.write(`f-${Math.random().toString(36).slice(2)}.csv`, content);
  const file = await openPartnerFile({ path, ...options });
  const rows = await collect(file.rows);
  return { ...file, rows };
}

async function refusal(content: string | Uint8Array, options: Omit<OpenPartnerFileOptions, "path"> = {}) {
  const error = await read(content, options).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  return error as ImportRefusedError;
}

describe("encodings", () => {
  const text = "nama;alamat\nCafé Nusantara;Jl. Soekarno–Hatta No. 5\n";

  it("reads UTF-8 without a BOM", async () => {
    const file = await read(text);
    expect(file.encoding).toBe("utf-8");
    expect(file.rows[0]!.cells).toEqual(["Café Nusantara", "Jl. Soekarno–Hatta No. 5"]);
  });

  it("reads UTF-8 with a BOM and strips it from the first header cell", async () => {
    const file = await read(utf8WithBom(text));
    expect(file.encoding).toBe("utf-8");
    expect(file.header).toEqual(["nama", "alamat"]);
    expect(file.rows[0]!.cells).toEqual(["Café Nusantara", "Jl. Soekarno–Hatta No. 5"]);
  });

  it("reads Windows-1252 (en dash, é) when the bytes are not UTF-8", async () => {
    const file = await read(windows1252(text));
    expect(file.encoding).toBe("windows-1252");
    expect(file.rows[0]!.cells).toEqual(["Café Nusantara", "Jl. Soekarno–Hatta No. 5"]);
  });

  it("reads a small Windows-1252 file whose last byte is its only accented letter", async () => {
    const file = await read(windows1252("nama\nCafé"));
    expect(file.encoding).toBe("windows-1252");
    expect(file.rows[0]!.cells).toEqual(["Café"]);
  });

  it("reads Windows-1252 whose first accented letter is the last byte of the first read", async () => {
    const filler = "x".repeat(64 * 1024 - "nama\nCaf".length - 1);
    const file = await read(windows1252(`nama\nCaf${filler}é\nSoekarno–Hatta\n`));
    expect(file.encoding).toBe("windows-1252");
    expect(file.rows.map((row) => row.cells[0])).toEqual([`Caf${filler}é`, "Soekarno–Hatta"]);
  });

  it("treats pure ASCII as UTF-8", async () => {
    expect((await read("a,b\n1,2\n")).encoding).toBe("utf-8");
  });

  it("keeps a multi-byte character split across read chunks intact", async () => {
    // 64 KB chunks: put "é" and "–" right across the first chunk boundaries.
    const filler = "x".repeat(64 * 1024 - "nama\n".length - 1);
    const file = await read(`nama\n${filler}é–\n`);
    expect(file.rows[0]!.cells[0]).toBe(`${filler}é–`);
  });

  it("refuses, naming the line, a file sniffed as UTF-8 that turns invalid later on", async () => {
    const head = simpleCsv(5000); // > 64 KB of ASCII, so the sniff sees only valid UTF-8
    expect(head.length).toBeGreaterThan(64 * 1024);
    const lines = head.split("\n").length; // the next line is this one
    const bytes = Buffer.concat([Buffer.from(head), windows1252("0,Café,Jl. A\n"), Buffer.from("1,B,C\n")]);
    const error = await refusal(bytes);
    expect(error.code).toBe("invalid_encoding");
    expect(error.line).toBe(lines);
    expect(error.message).toContain(`baris ${lines}`);
  });

  it("refuses a UTF-8 file with a BOM and invalid bytes in its first lines", async () => {
    const error = await refusal(Buffer.concat([utf8WithBom("a,b\n"), windows1252("Café,1\n")]));
    expect(error.code).toBe("invalid_encoding");
    expect(error.line).toBe(2);
  });

  it("refuses UTF-16 (Excel's Unicode Text) with advice", async () => {
    const error = await refusal(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\tb\n", "utf16le")]));
    expect(error.code).toBe("unsupported_format");
    expect(error.message).toContain("CSV UTF-8");
  });

  it("refuses a binary file", async () => {
    const error = await refusal(Buffer.from([0x6e, 0x61, 0x6d, 0x61, 0x0a, 0x00, 0x01, 0x02]));
    expect(error.code).toBe("unsupported_format");
  });

  it("refuses an old Excel .xls", async () => {
    const error = await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    expect(error.code).toBe("unsupported_format");
  });
});

describe("delimiters", () => {
  it.each([
    [",", "npwp,nama,alamat\n01,PT A,Jl. B\n"],
    [";", "npwp;nama;alamat\n01;PT A, Tbk;Jl. B, No. 1\n"],
    ["|", "npwp|nama|alamat\n01|PT A, Tbk|Jl. B; No. 1\n"],
    ["\t", "npwp\tnama\talamat\n01\tPT A, Tbk\tJl. B; No. 1\n"],
  ])("detects %j", async (delimiter, text) => {
    const file = await read(text);
    expect(file.delimiter).toBe(delimiter);
    expect(file.header).toEqual(["npwp", "nama", "alamat"]);
    expect(file.rows[0]!.cells).toHaveLength(3);
  });

  it("counts only delimiters outside quotes", async () => {
    // Two commas in quotes on every line would make "," look consistent if quotes were ignored.
    const text = 'npwp;nama;alamat\n01;"PT A, B, C";"Jl. X"\n02;"PT D, E, F";"Jl. Y"\n';
    const file = await read(text);
    expect(file.delimiter).toBe(";");
    expect(file.rows.map((row) => row.cells)).toEqual([
      ["01", "PT A, B, C", "Jl. X"],
      ["02", "PT D, E, F", "Jl. Y"],
    ]);
  });

  it("reads a one-column file", async () => {
    const file = await read("npwp\n01\n02\n");
    expect(file.header).toEqual(["npwp"]);
    expect(file.rows.map((row) => row.cells)).toEqual([["01"], ["02"]]);
  });
});

describe("records and line numbers", () => {
  it("reads quoted fields with embedded newlines, delimiters and escaped quotes, numbering lines right afterwards", async () => {
    const text = [
      "nama,alamat,catatan", // 1
      'PT "Maju",Jl. A,-', // 2: quotes inside an unquoted field are kept
      '"CV ""Berkah"", Tbk","Jl. B,', // 3: starts a record spanning lines 3–5
      "RT 01", // 4
      'RW 02",ok', // 5
      "PT C,Jl. D,x", // 6
    ].join("\n");
    const file = await read(text + "\n");
    expect(file.rows).toEqual([
      { line: 2, cells: ['PT "Maju"', "Jl. A", "-"] },
      { line: 3, cells: ['CV "Berkah", Tbk', "Jl. B,\nRT 01\nRW 02", "ok"] },
      { line: 6, cells: ["PT C", "Jl. D", "x"] },
    ]);
  });

  it("reads CRLF like LF, keeping CRLF inside quotes and counting it as one line", async () => {
    const text = 'a,b\r\n"x\r\ny",1\r\n\r\nz,2\r\n';
    const file = await read(text);
    expect(file.rows).toEqual([
      { line: 2, cells: ["x\r\ny", "1"] },
      { line: 5, cells: ["z", "2"] },
    ]);
  });

  it("skips completely empty lines but keeps counting them, before the header too", async () => {
    const file = await read("\n\nnpwp,nama\n\n01,A\n\n\n02,B");
    expect(file.header).toEqual(["npwp", "nama"]);
    expect(file.rows).toEqual([
      { line: 5, cells: ["01", "A"] },
      { line: 8, cells: ["02", "B"] },
    ]);
  });

  it("returns ragged rows as they are, and keeps a line of delimiters", async () => {
    const file = await read("a,b,c\n1,2\n1,2,3,4\n,,\n");
    expect(file.rows.map((row) => row.cells)).toEqual([["1", "2"], ["1", "2", "3", "4"], ["", "", ""]]);
  });

  it("trims the header cells but not the data cells", async () => {
    const file = await read(" npwp , nama \n 01 , A \n");
    expect(file.header).toEqual(["npwp", "nama"]);
    expect(file.rows[0]!.cells).toEqual([" 01 ", " A "]);
  });

  it("refuses an unclosed quote, naming the line it opened on", async () => {
    const error = await refusal('a,b\n1,2\n3,"Jl. Tanpa Tutup\n4,5\n');
    expect(error.code).toBe("unclosed_quote");
    expect(error.line).toBe(3);
  });

  it("refuses a record longer than the limit instead of buffering the file", async () => {
    const error = await refusal(`a,b\n1,"${"x".repeat(5000)}\n`, { limits: { maxRecordChars: 1000 } });
    expect(error.code).toBe("record_too_large");
    expect(error.line).toBe(2);
  });
});

describe("refusals before reading", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("refuses an empty file", async () => {
    expect((await refusal("")).code).toBe("empty_file");
    expect((await refusal(utf8WithBom(""))).code).toBe("empty_file");
    expect((await refusal("\n\r\n\n")).code).toBe("empty_file");
  });

  it("refuses a file whose first line has no column names", async () => {
    const error = await refusal(" , ,\n1,2,3\n");
    expect(error.code).toBe("no_header");
  });

  it("refuses a file over maxFileBytes", async () => {
    const error = await refusal(simpleCsv(100), { limits: { maxFileBytes: 1000 } });
    expect(error.code).toBe("file_too_large");
    expect(error.message).toContain("melebihi batas");
  });

  it("takes the default size limit from JANGKAU_IMPORT_MAX_FILE_MB", async () => {
    vi.stubEnv("JANGKAU_IMPORT_MAX_FILE_MB", "0.001"); // 1,048 bytes
    expect((await refusal(simpleCsv(100))).code).toBe("file_too_large");
    vi.stubEnv("JANGKAU_IMPORT_MAX_FILE_MB", "1");
    await expect(read(simpleCsv(100))).resolves.toBeTruthy();
  });
});

describe("streaming", () => {
  it("reports progress up to the total, and the total", async () => {
    const text = simpleCsv(20_000);
    const calls: [number, number][] = [];
    const file = await read(text, { onProgress: (bytesRead, bytesTotal) => calls.push([bytesRead, bytesTotal]) });
    expect(file.rows).toHaveLength(20_000);
    expect(file.bytesTotal).toBe(Buffer.byteLength(text));
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.at(-1)).toEqual([file.bytesTotal, file.bytesTotal]);
    expect(calls.every(([done], index) => index === 0 || done >= calls[index - 1]![0])).toBe(true);
  });

  it("numbers every row of a multi-chunk file", async () => {
    const file = await read(simpleCsv(30_000, "\r\n"));
    expect(file.rows).toHaveLength(30_000);
    expect(file.rows.every((row, index) => row.line === index + 2 && row.cells[0] === `0${index + 1}`)).toBe(true);
  });

  it("can be closed after reading part of it, and closed again", async () => {
    const path = await fixtures.write("partial.csv", simpleCsv(50_000));
    const file = await openPartnerFile({ path });
    let seen = 0;
    for await (const row of file.rows) {
      if (++seen === 10) {
        expect(row.line).toBe(11);
        break;
      }
    }
    await file.close();
    await file.close();
  });

  it("can be closed without reading rows", async () => {
    const path = await fixtures.write("unread.csv", simpleCsv(10));
    const file = await openPartnerFile({ path });
    expect(file.header).toEqual(["npwp", "nama", "alamat"]);
    await file.close();
  });
});
