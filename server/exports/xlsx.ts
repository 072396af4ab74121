import "server-only";
import { once } from "node:events";
import type { TransformOptions, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { createDeflateRaw, crc32, deflateRawSync, type DeflateRaw, type ZlibOptions } from "node:zlib";

/**
 * How Jangkau writes the XLSX files people download: one sheet, a bold frozen header row with an
 * autofilter, written row by row straight into a streamed zip so memory stays flat however many
 * rows there are. Text cells are typed inline strings — never a formula, whatever they start
 * with (`=cmd` stays the four characters `=cmd`), and a 16-digit NPWP keeps every digit and its
 * leading zero — and number cells are numbers. No formula is ever written.
 *
 * The sheet's XML is written here rather than through a spreadsheet library: exceljs's streaming
 * writer built an object per cell and per row and took 6–7 times as long as PostgreSQL's own
 * `COPY` of the same rows; a file of one sheet of inline strings and numbers needs none of that.
 * The parts are the ones exceljs wrote (content types, relationships, workbook, a minimal style
 * table, the sheet), so the files open the same in Excel, LibreOffice and exceljs.
 */

export interface XlsxColumn {
  header: string;
  type: "text" | "integer";
  /** Width in characters; otherwise sized to the header and the first rows' content. */
  width?: number;
}

export interface XlsxSheetWriter {
  /** Adds one row; returns a promise to wait for when the output needs to catch up (backpressure). */
  addRow(values: readonly (string | number | null)[]): Promise<void> | undefined;
  /** Adds one row of cells already encoded; waits as addRow does. */
  addEncodedRow(row: XlsxRow): Promise<void> | undefined;
  /** Writes the sheet's end and the archive's directory; resolves when the output has all of it. */
  finish(): Promise<void>;
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Sheet XML gathered before one write into the deflater (~64 KB): few enough calls to stay
// fast, small enough that memory stays flat.
const CHUNK_CHARS = 64 * 1024;
// Deflate level 1: 200,000 rows in two thirds of the time zlib's default 6 takes, for a file
// ~15 % larger (XML compresses well either way). Level 2 takes as long for 1 % less; level 3
// half as long again for 5 % less.
const ZIP_LEVEL = 1;
// Sheet XML that may wait for the deflater (~16 chunks) before a write waits for it.
const DEFLATE_BUFFER = 1 << 20;
const SHEET_PATH = "xl/worksheets/sheet1.xml";

/**
 * Column widths come before the rows in the sheet's XML, and the file is streamed: the first
 * SIZING_ROWS rows are held (~1 MB at most for every lead column) and measured, then the sheet
 * starts. A few hundred rows show a column's usual width; a longer value further down wraps
 * nothing, it is only cut off on screen.
 */
const SIZING_ROWS = 500;
const MIN_WIDTH = 8;
// Beyond this a column is wider than a laptop screen's half: addresses are read in their cell.
const MAX_WIDTH = 60;
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

export function createXlsxSheetWriter(output: Writable, options: { sheetName: string; columns: readonly XlsxColumn[] }): XlsxSheetWriter {
  const { columns } = options;
  const zip = new ZipWriter(output);
  const letters = columns.map((_, i) => columnLetters(i));
  // Each cell's XML up to its row number: the part every row of a column shares.
  const refs = letters.map((letter) => `<c r="${letter}`);
  const count = columns.length;

  for (const [name, text] of staticParts(options.sheetName)) zip.addSmallFile(name, text);
  const sheet = zip.openStream(SHEET_PATH);
  // Longest value per column among the rows held for sizing; the header counts too (bold: +2).
  const longest = columns.map((column) => column.header.length + 2);
  let sizing = true;
  const sheetHead = () => {
    const widths = columns.map((column, i) => {
      const width = column.width ?? Math.min(Math.max(longest[i]! + 1, MIN_WIDTH), MAX_WIDTH);
      return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
    });
    return (
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">` +
      `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>${widths.length ? `<cols>${widths.join("")}</cols>` : ""}<sheetData>` +
      `<row r="1">${columns.map((column, i) => `${refs[i]}1" t="inlineStr"><is><r><rPr><b/></rPr>${utf8Bytes(textElement(column.header))}</r></is></c>`).join("")}</row>`
    );
  };
  const stopSizing = () => {
    sizing = false;
    pending = sheetHead() + pending;
  };
  let pending = "";
  let rowNumber = 1;
  const addEncodedRow = (row: XlsxRow): Promise<void> | undefined => {
    rowNumber += 1;
    const number = String(rowNumber);
    const { tails, lengths } = row;
    let xml = `<row r="${number}">`;
    for (let i = 0; i < count; i++) {
      const tail = tails[i]!;
      if (tail === "") continue;
      if (sizing && lengths[i]! > longest[i]!) longest[i] = lengths[i]!;
      xml += refs[i]! + number + tail;
    }
    pending += `${xml}</row>`;
    if (sizing) {
      if (rowNumber - 1 < SIZING_ROWS) return undefined;
      stopSizing();
    }
    if (pending.length < CHUNK_CHARS) return undefined;
    const chunk = pending;
    pending = "";
    return sheet.write(chunk);
  };
  const values = new XlsxRow(columns);
  return {
    addRow(cells) {
      for (let i = 0; i < count; i++) values.set(i, cells[i] ?? null);
      return addEncodedRow(values);
    },
    addEncodedRow,
    async finish() {
      if (sizing) stopSizing();
      const filter = columns.length ? `<autoFilter ref="A1:${letters[columns.length - 1]}${rowNumber}"/>` : "";
      await sheet.write(`${pending}</sheetData>${filter}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
      pending = "";
      await sheet.end();
      await zip.finish();
    },
  };
}

/**
 * One row's cells as the sheet writes them, filled column by column and reused from row to row
 * (no array or object per row): each cell's XML after its reference (`<c r="B7`), "" for an
 * empty cell, and the length of its value (column widths). A caller whose values repeat (labels)
 * may keep a cell's `tails[i]` and `lengths[i]` and put them back for the same value.
 *
 * The XML is held as its UTF-8 bytes, one character per byte (what `Buffer.from(…, "latin1")`
 * writes back): the sheet is then a one-byte string however many labels hold an em dash, which
 * V8 joins and the zip encodes several times faster than UTF-16 text.
 */
export class XlsxRow {
  readonly tails: string[];
  readonly lengths: number[];
  private readonly integer: readonly boolean[];

  constructor(columns: readonly Pick<XlsxColumn, "type">[]) {
    this.integer = columns.map((column) => column.type === "integer");
    this.tails = columns.map(() => "");
    this.lengths = columns.map(() => 0);
  }

  /**
   * Column `i`'s cell holds `value`: a number cell for a finite number in an integer column, an
   * inline string otherwise (never a formula), nothing for null or "".
   */
  set(i: number, value: string | number | null | undefined): void {
    if (typeof value === "string") return this.text(i, value);
    // undefined too: a label map that lacks a stored value gives no cell, as addRow's `?? null`.
    if (value == null) {
      this.tails[i] = "";
      return;
    }
    const text = String(value);
    this.lengths[i] = text.length;
    this.tails[i] = this.integer[i] && Number.isFinite(value) ? `"><v>${text}</v></c>` : textTail(text);
  }

  /** Column `i`'s cell holds `text` as text (nothing when it is null or ""). */
  text(i: number, text: string | null): void {
    if (text === null || text === "") {
      this.tails[i] = "";
      return;
    }
    this.lengths[i] = text.length;
    this.tails[i] = textTail(text);
  }
}

const TEXT_OPEN = '" t="inlineStr"><is><r><t>';
const TEXT_CLOSE = "</t></r></is></c>";
// Printable ASCII but for the five characters XML escapes: such text is written as it is (most
// cells). Anything else — markup, control characters (dropped), tabs and line breaks (kept
// with xml:space), characters beyond ASCII (UTF-8 bytes) — takes the full rule.
const PLAIN_TEXT = /^[\x20\x21\x23-\x25\x28-\x3B\x3D\x3F-\x7E]*$/;

/**
 * A text cell's XML after its reference. A one-run rich text: how exceljs wrote inline strings,
 * and how readers type them as text.
 */
function textTail(text: string): string {
  // A space at either end needs xml:space; printable ASCII has no other white space.
  if (PLAIN_TEXT.test(text) && text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32) return TEXT_OPEN + text + TEXT_CLOSE;
  return `" t="inlineStr"><is><r>${utf8Bytes(textElement(text))}</r></is></c>`;
}

const BEYOND_ASCII = /[^\x00-\x7F]/;

/** `text`'s UTF-8 bytes, one character each (see XlsxRow). */
function utf8Bytes(text: string): string {
  return BEYOND_ASCII.test(text) ? Buffer.from(text, "utf8").toString("latin1") : text;
}

/** The workbook's fixed parts around its one sheet. */
function staticParts(sheetName: string): [string, string][] {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  return [
    [
      "[Content_Types].xml",
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/${SHEET_PATH}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ],
    [
      "_rels/.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ],
    [
      "docProps/core.xml",
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
        `xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Jangkau</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    ],
    [
      "xl/workbook.xml",
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      "xl/styles.xml",
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
        `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
        `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
        `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
        `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
        `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ];
}

/** `<t>` with the text escaped; spaces at either end or line breaks kept (xml:space). */
function textElement(text: string): string {
  const escaped = escapeXml(text);
  const keepSpace = /^\s|\s$|\n/.test(text);
  return keepSpace ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

// What must be escaped, and the control characters XML 1.0 cannot carry at all (dropped, as
// exceljs dropped them: tab, line feed and carriage return stay).
const XML_SPECIAL = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const XML_SPECIAL_ALL = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (c) => XML_ENTITIES[c] ?? "") : text;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

interface ZipEntry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

const MAX_ZIP32 = 0xffffffff;

/**
 * A zip archive written front to back (no seeking back): each entry deflated, its CRC and sizes
 * in a data descriptor after its data, the central directory at the end. Zip64 is not written:
 * a sheet larger than 4 GiB fails rather than writing a file no one can open (a million rows of
 * every lead column are ~1.5 GB of XML).
 */
class ZipWriter {
  private readonly entries: ZipEntry[] = [];
  private offset = 0;
  private readonly dosTime: number;
  private readonly dosDate: number;

  constructor(private readonly output: Writable) {
    const now = new Date();
    this.dosTime = (now.getHours() << 11) | (now.getMinutes() << 5) | Math.floor(now.getSeconds() / 2);
    this.dosDate = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  }

  addSmallFile(name: string, text: string): void {
    const data = Buffer.from(text, "utf8");
    const compressed = deflateRawSync(data, { level: ZIP_LEVEL });
    const entry = this.begin(name);
    this.write(compressed);
    this.end(entry, crc32(data), compressed.byteLength, data.byteLength);
  }

  /**
   * An entry written in pieces of bytes held one per character (UTF-8 already: see XlsxRow):
   * `write` waits when the output is behind.
   */
  openStream(name: string): { write(bytes: string): Promise<void> | undefined; end(): Promise<void> } {
    const entry = this.begin(name);
    // zlib hands its options on to its stream (Node's typings leave the stream's out).
    const options: ZlibOptions & TransformOptions = { level: ZIP_LEVEL, writableHighWaterMark: DEFLATE_BUFFER };
    const deflater: DeflateRaw = createDeflateRaw(options);
    let crc = 0;
    let size = 0;
    let compressed = 0;
    deflater.on("data", (chunk: Buffer) => {
      compressed += chunk.byteLength;
      this.offset += chunk.byteLength;
      if (!this.output.write(chunk)) {
        deflater.pause();
        this.output.once("drain", () => deflater.resume());
      }
    });
    const done = finished(deflater, { writable: false });
    done.catch(() => undefined); // awaited in end(); a failure before that surfaces through write()
    const outputFailed = () => deflater.destroy(new Error("Keluaran berkas tertutup sebelum selesai ditulis"));
    this.output.once("close", outputFailed);
    return {
      write: (bytes) => {
        const data = Buffer.from(bytes, "latin1");
        crc = crc32(data, crc);
        size += data.byteLength;
        // zlib deflates on a pool thread but takes its next chunk only on the event loop, which a
        // busy export seldom reaches: one turn per chunk (setImmediate) starts this chunk's
        // deflate while the next rows are written, where it used to wait for the export's next
        // wait — 200,000 rows in a quarter less time on two cores.
        if (deflater.write(data)) return new Promise<void>((resolve) => setImmediate(resolve));
        return once(deflater, "drain").then(() => undefined);
      },
      end: async () => {
        deflater.end();
        await done;
        this.output.off("close", outputFailed);
        this.end(entry, crc, compressed, size);
      },
    };
  }

  /** The central directory and its end record; resolves when the output has everything. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4); // made by: zip 2.0
      header.writeUInt16LE(20, 6); // needed: 2.0 (deflate)
      header.writeUInt16LE(0x0008, 8); // sizes in a data descriptor
      header.writeUInt16LE(8, 10); // deflate
      header.writeUInt16LE(this.dosTime, 12);
      header.writeUInt16LE(this.dosDate, 14);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.compressed, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.byteLength, 28);
      header.writeUInt32LE(entry.offset, 42);
      this.write(header);
      this.write(entry.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(checkedZip32(start), 16);
    this.output.end(end);
    await finished(this.output);
  }

  private begin(name: string): ZipEntry {
    const entry: ZipEntry = { name: Buffer.from(name, "utf8"), offset: checkedZip32(this.offset), crc: 0, compressed: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0008, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(this.dosTime, 10);
    header.writeUInt16LE(this.dosDate, 12);
    header.writeUInt16LE(entry.name.byteLength, 26);
    this.write(header);
    this.write(entry.name);
    return entry;
  }

  private end(entry: ZipEntry, crc: number, compressed: number, size: number): void {
    entry.crc = crc;
    entry.compressed = checkedZip32(compressed);
    entry.size = checkedZip32(size);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.write(descriptor);
    this.entries.push(entry);
  }

  private write(data: Buffer): void {
    this.offset += data.byteLength;
    this.output.write(data);
  }
}

function checkedZip32(value: number): number {
  if (value > MAX_ZIP32) throw new Error("Berkas XLSX melebihi 4 GiB; persempit filter atau ekspor sebagai CSV");
  return value;
}
