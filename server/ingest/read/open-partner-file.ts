import "server-only";
import { open, type FileHandle } from "node:fs/promises";
import { formatBytes } from "@/lib/format.ts";
import type { RawRow } from "@/server/ingest/types.ts";
import { CsvRecordParser, type Delimiter } from "./csv-record-parser.ts";
import { detectDelimiter } from "./detect-delimiter.ts";
import { ImportRefusedError } from "./import-refused-error.ts";
import { openZipEntry, WRONG_PASSWORD_OR_CORRUPT } from "./open-zip-entry.ts";
import { resolveReadLimits, type ReadLimits } from "./read-limits.ts";
import {
  completeUtf8Length,
  createChunkDecoder,
  hasUtf16Bom,
  hasUtf8Bom,
  sniffEncoding,
  type ChunkDecoder,
  type PartnerEncoding,
} from "./text-decoding.ts";

export { ImportRefusedError, type ImportRefusedCode } from "./import-refused-error.ts";
export type { ReadLimits } from "./read-limits.ts";
export type { Delimiter } from "./csv-record-parser.ts";
export type { PartnerEncoding } from "./text-decoding.ts";

export interface OpenPartnerFileOptions {
  path: string;
  /** For a password-protected ZIP. Never stored, logged or put in an error. */
  password?: string;
  limits?: Partial<ReadLimits>;
  /** Called as the CSV is read: bytes of the CSV stream so far (uncompressed, for a ZIP). */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

export interface PartnerFile {
  /** The header row's cells, trimmed, BOM stripped. */
  header: string[];
  /**
   * The data rows, streamed: iterate once. Throws ImportRefusedError when the file turns out to be
   * unreadable further on (invalid UTF-8, an unclosed quote, a ZIP lying about its size…).
   */
  rows: AsyncIterable<RawRow>;
  /**
   * The same rows, a chunk's worth at a time (one await per chunk instead of per row). Iterate
   * either `rows` or `rowBatches`, once.
   */
  rowBatches: AsyncIterable<readonly RawRow[]>;
  encoding: PartnerEncoding;
  delimiter: Delimiter;
  /** Name of the CSV inside the ZIP, when the file was one. */
  zipEntry: string | null;
  /** Size of the CSV stream (uncompressed size for ZIPs). */
  bytesTotal: number;
  /** Releases the file; safe to call more than once, and called when `rows` ends or fails. */
  close(): Promise<void>;
}

/** How much of the start of the file decides encoding and delimiter. */
const SNIFF_BYTES = 64 * 1024;

/** Read size for plain files: of 64 KB, 256 KB and 1 MB, 64 KB read 1M rows fastest here, in least memory. */
const CHUNK_BYTES = 64 * 1024;

/** A CSV byte stream: a plain file, or the CSV inside a ZIP. */
interface ByteSource {
  chunks: AsyncIterable<Uint8Array>;
  total: number;
  zipEntry: string | null;
  encrypted: boolean;
  close(): Promise<void>;
}

/**
 * Opens a partner file as partners really send it — CSV in UTF-8 (with or without BOM) or
 * Windows-1252, any of `,` `;` `|` tab, or a (password-protected) ZIP holding one — and reads its
 * header. Everything that can be refused from the file's size, its ZIP directory or its first
 * 64 KB is refused here, before any row is read. Rows then stream in constant memory.
 */
export async function openPartnerFile(options: OpenPartnerFileOptions): Promise<PartnerFile> {
  const limits = resolveReadLimits(options.limits);
  const handle = await open(options.path, "r");
  let source: ByteSource | undefined;
  try {
    const { size } = await handle.stat();
    if (size > limits.maxFileBytes) {
      throw new ImportRefusedError(
        "file_too_large",
        `Berkas berukuran ${formatBytes(size)}, melebihi batas ${formatBytes(limits.maxFileBytes)}.`,
      );
    }
    if (size === 0) throw emptyFile();
    const magic = await readStart(handle, 8);
    refuseOtherFormats(magic);
    if (isZip(magic)) {
      const entry = await openZipEntry(handle, size, options.password, limits);
      source = {
        chunks: entry.chunks,
        total: entry.size,
        zipEntry: entry.name,
        encrypted: entry.encrypted,
        close: () => entry.close(),
      };
    } else {
      source = { chunks: readFileChunks(handle, limits), total: size, zipEntry: null, encrypted: false, close: async () => {} };
    }
    return await openCsv(source, handle, limits, options.onProgress);
  } catch (error) {
    await source?.close().catch(() => {});
    await handle.close().catch(() => {});
    throw error;
  }
}

async function openCsv(
  source: ByteSource,
  handle: FileHandle,
  limits: ReadLimits,
  onProgress: OpenPartnerFileOptions["onProgress"],
): Promise<PartnerFile> {
  const chunks = source.chunks[Symbol.asyncIterator]();
  let bytesRead = 0;
  let ended = false;
  async function nextChunk(): Promise<Uint8Array | null> {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      return null;
    }
    bytesRead += next.value.byteLength;
    return next.value;
  }

  const sniffed: Uint8Array[] = [];
  // Read on while the sample ends inside a possible UTF-8 character, so that the sniff sees it whole.
  while (bytesRead < SNIFF_BYTES || completeUtf8Length(sniffed.at(-1)!) < sniffed.at(-1)!.length) {
    const chunk = await nextChunk();
    if (!chunk) break;
    sniffed.push(chunk);
  }
  let sample: Uint8Array = Buffer.concat(sniffed);
  if (sample.length === 0) throw emptyFile();
  if (hasUtf16Bom(sample)) {
    throw new ImportRefusedError(
      "unsupported_format",
      'Berkas tersimpan sebagai UTF-16 ("Unicode Text" dari Excel). Simpan ulang sebagai "CSV UTF-8" lalu impor lagi.',
    );
  }
  if (sample.includes(0)) {
    // No CSV holds NUL bytes; decrypted garbage and binary files do.
    throw source.encrypted
      ? new ImportRefusedError("zip_wrong_password", WRONG_PASSWORD_OR_CORRUPT)
      : new ImportRefusedError("unsupported_format", "Berkas ini bukan teks CSV (berisi data biner).");
  }
  const encoding = sniffEncoding(sample, ended);
  if (encoding === "utf-8" && hasUtf8Bom(sample)) sample = sample.subarray(3);

  const decoder = createChunkDecoder(encoding);
  const marks: UndefinedByteMarks = { watch: encoding === "windows-1252", seen: false };
  const first = decoder.write(sample);
  const delimiter = detectDelimiter(first.text, ended);
  const parser = new CsvRecordParser({ delimiter, maxRecordChars: limits.maxRecordChars });
  const pending: RawRow[] = [];
  feed(parser, first, pending, marks);

  // The header is the first record; it may (rarely) reach past the sample.
  while (pending.length === 0 && !ended) {
    const chunk = await nextChunk();
    if (chunk) feed(parser, decoder.write(chunk), pending, marks);
  }
  if (ended) finish(parser, decoder, pending, marks);
  const headerRow = pending.shift();
  if (!headerRow) throw emptyFile();
  const header = headerRow.cells.map((cell) => cell.replace(/^\uFEFF/, "").trim());
  if (header.every((cell) => cell === "")) {
    throw new ImportRefusedError(
      "no_header",
      `Baris pertama berkas (baris ${headerRow.line}) tidak berisi judul kolom. Baris pertama harus berisi nama-nama kolom.`,
      { line: headerRow.line },
    );
  }

  let closed = false;
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    await chunks.return?.().catch(() => undefined);
    await source.close().catch(() => {});
    await handle.close().catch(() => {});
  }

  async function* batches(): AsyncGenerator<RawRow[]> {
    try {
      onProgress?.(bytesRead, source.total);
      const first = pending.splice(0);
      if (first.length) yield first;
      while (!ended) {
        const chunk = await nextChunk();
        const batch: RawRow[] = [];
        if (chunk) {
          feed(parser, decoder.write(chunk), batch, marks);
          onProgress?.(bytesRead, source.total);
        } else {
          finish(parser, decoder, batch, marks);
        }
        if (batch.length) yield batch;
      }
    } finally {
      await close();
    }
  }
  const rowBatches = batches();

  async function* rows(): AsyncGenerator<RawRow> {
    for await (const batch of rowBatches) yield* batch;
  }

  return {
    header,
    rows: rows(),
    rowBatches,
    encoding,
    delimiter,
    zipEntry: source.zipEntry,
    bytesTotal: source.total,
    close,
  };
}

/**
 * Parses decoded text; a UTF-8 file that stops being UTF-8 is refused at the line it happens.
 * In Windows-1252 text U+FFFD can only stand for a byte the code page leaves undefined (iconv
 * substitutes it): such cells are marked, so the reject report warns instead of staying silent.
 * Rows are searched only once such a byte has turned up (a row may span chunks), so a clean
 * file pays one native scan per chunk.
 */
function feed(parser: CsvRecordParser, decoded: { text: string; invalid: boolean }, out: RawRow[], marks: UndefinedByteMarks): void {
  const from = out.length;
  parser.feed(decoded.text, out);
  if (decoded.invalid) throw invalidUtf8(parser.currentLine);
  if (marks.watch && !marks.seen && decoded.text.includes("\uFFFD")) marks.seen = true;
  if (marks.seen) markUndefinedBytes(out, from);
}

function finish(parser: CsvRecordParser, decoder: ChunkDecoder, out: RawRow[], marks: UndefinedByteMarks): void {
  feed(parser, decoder.end(), out, marks);
  const from = out.length;
  parser.finish(out);
  if (marks.seen) markUndefinedBytes(out, from);
}

interface UndefinedByteMarks {
  /** Windows-1252 input: U+FFFD marks an undefined byte (in UTF-8 it is a character like any other). */
  watch: boolean;
  seen: boolean;
}

function markUndefinedBytes(rows: RawRow[], from: number): void {
  for (let r = from; r < rows.length; r++) {
    const row = rows[r]!;
    const cells = row.cells.flatMap((cell, index) => (cell.includes("\uFFFD") ? [index] : []));
    if (cells.length) row.undefinedBytes = cells;
  }
}

function invalidUtf8(line: number): ImportRefusedError {
  return new ImportRefusedError(
    "invalid_encoding",
    `Berkas terbaca sebagai UTF-8, tetapi baris ${line} berisi karakter yang ` +
      `bukan UTF-8 (kemungkinan berkasnya campuran UTF-8 dan Windows-1252). Simpan ulang berkas sebagai ` +
      `"CSV UTF-8" lalu impor lagi.`,
    { line },
  );
}

function emptyFile(): ImportRefusedError {
  return new ImportRefusedError("empty_file", "Berkas kosong: tidak ada baris judul kolom maupun data.");
}

async function* readFileChunks(handle: FileHandle, limits: ReadLimits): AsyncGenerator<Uint8Array> {
  let position = 0;
  while (true) {
    // A fresh buffer per chunk: decoded cells may outlive the next read.
    const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    if (position > limits.maxFileBytes) {
      // The file grew after it was checked (still being uploaded or written).
      throw new ImportRefusedError("file_too_large", `Berkas melebihi batas ${formatBytes(limits.maxFileBytes)}.`);
    }
    yield buffer.subarray(0, bytesRead);
  }
}

async function readStart(handle: FileHandle, length: number): Promise<Uint8Array> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, 0);
  return buffer.subarray(0, bytesRead);
}

/** A local file header, or the end record of an empty archive. */
function isZip(magic: Uint8Array): boolean {
  return magic[0] === 0x50 && magic[1] === 0x4b && ((magic[2] === 3 && magic[3] === 4) || (magic[2] === 5 && magic[3] === 6));
}

/** Formats partners send by mistake, refused with a message that says what to do instead. */
const OTHER_FORMATS: { magic: number[]; message: string }[] = [
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    message: 'Berkas ini adalah berkas Excel lama (.xls), bukan CSV. Simpan sebagai "CSV UTF-8" lalu impor lagi.',
  },
  { magic: [0x1f, 0x8b], message: "Berkas terkompresi gzip tidak didukung. Kirim CSV biasa atau ZIP." },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], message: "Berkas 7-Zip (.7z) tidak didukung. Kirim CSV biasa atau ZIP." },
  { magic: [0x52, 0x61, 0x72, 0x21], message: "Berkas RAR tidak didukung. Kirim CSV biasa atau ZIP." },
  { magic: [0x25, 0x50, 0x44, 0x46], message: "Berkas ini adalah PDF, bukan CSV." },
];

function refuseOtherFormats(magic: Uint8Array): void {
  const format = OTHER_FORMATS.find((candidate) => candidate.magic.every((byte, index) => magic[index] === byte));
  if (format) throw new ImportRefusedError("unsupported_format", format.message);
}
