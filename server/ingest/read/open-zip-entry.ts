import "server-only";
import type { FileHandle } from "node:fs/promises";
import {
  ERR_ENCRYPTED,
  ERR_INVALID_AUTHENTICATION_CODE,
  ERR_INVALID_COMPRESSED_DATA,
  ERR_INVALID_CRC32,
  ERR_INVALID_PASSWORD,
  ERR_INVALID_UNCOMPRESSED_SIZE,
  ERR_UNSUPPORTED_COMPRESSION,
  ERR_UNSUPPORTED_ENCRYPTION,
  Reader,
  ZipReader,
  type Entry,
  type FileEntry,
} from "@zip.js/zip.js";
import { formatBytes, formatCount } from "@/lib/format.ts";
import { ImportRefusedError, type ImportRefusedCode } from "./import-refused-error.ts";
import { COMPRESSION_RATIO_MIN_BYTES, type ReadLimits } from "./read-limits.ts";

/** The CSV inside a ZIP, ready to stream. */
export interface ZipEntryStream {
  name: string;
  /** Whether the entry was encrypted (garbage out of it means a wrong password). */
  encrypted: boolean;
  /** Declared uncompressed size; the stream refuses to deliver more. */
  size: number;
  chunks: AsyncIterable<Uint8Array>;
  /** Stops decompressing (if still running) and waits until zip.js no longer reads the file. */
  close(): Promise<void>;
}

/** Entry names a partner CSV may have inside a ZIP. */
const CSV_NAME = /\.(csv|txt|tsv)$/i;

/** Longest central-directory record: 46 fixed bytes plus name, extra field and comment (64 KB each). */
const MAX_DIRECTORY_RECORD_BYTES = 46 + 3 * 0xffff;

/**
 * ZipCrypto checks a password against one byte (AES against two): 1 wrong password in 256 passes
 * the check and decrypts to garbage, which fails later as bad data. For an encrypted entry that is
 * far more often a wrong password than a damaged file, so it is reported as such.
 */
export const WRONG_PASSWORD_OR_CORRUPT =
  "Isi berkas ZIP tidak dapat dibuka: kata sandinya salah atau berkasnya rusak. Periksa kata sandinya, " +
  "atau minta mitra mengirim ulang berkasnya.";

/** Refused or unreadable ZIPs are reported in Indonesian; zip.js's message stays in `cause`. */
const MESSAGES = {
  corrupt: "Berkas ZIP rusak atau tidak dapat dibaca. Buat ulang ZIP-nya lalu kirim lagi.",
  passwordRequired: "Berkas ZIP dilindungi kata sandi: masukkan kata sandinya",
  wrongPassword: "Kata sandi berkas ZIP salah. Periksa kata sandinya (huruf besar/kecil berpengaruh) lalu coba lagi.",
  wrongPasswordOrCorrupt: WRONG_PASSWORD_OR_CORRUPT,
  sizeMismatch:
    "Isi berkas ZIP lebih besar daripada ukuran yang tercatat di arsipnya. Berkas ditolak demi keamanan.",
  unsupported:
    "Berkas ZIP ini memakai metode kompresi atau enkripsi yang tidak didukung. Buat ulang dengan ZIP biasa " +
    "(Deflate) dan enkripsi AES atau ZipCrypto.",
} as const;

/**
 * Opens the one CSV of a partner ZIP after checking, from the central directory alone (before any
 * decompression): entry count, entry names, that there is exactly one CSV, declared sizes and
 * compression ratio, and the password. The returned stream counts the bytes it really
 * decompresses, since declared sizes can lie.
 */
export async function openZipEntry(
  handle: FileHandle,
  fileSize: number,
  password: string | undefined,
  limits: ReadLimits,
): Promise<ZipEntryStream> {
  const reader = new FileHandleReader(handle, fileSize, limits.maxEntries * MAX_DIRECTORY_RECORD_BYTES + 1024 * 1024);
  const zip = new ZipReader(reader, { useWebWorkers: false });
  const entries = await listEntries(zip, limits);
  const entry = pickCsvEntry(entries, limits);

  if (entry.encrypted) {
    if (!password) throw new ImportRefusedError("zip_password_required", MESSAGES.passwordRequired);
    try {
      await entry.getData(new WritableStream(), { password, checkPasswordOnly: true, useWebWorkers: false });
    } catch (error) {
      throw zipError(error, entry);
    }
  }
  return streamEntry(entry, password, limits);
}

async function listEntries(zip: ZipReader<unknown>, limits: ReadLimits): Promise<Entry[]> {
  const entries: Entry[] = [];
  try {
    // Names are checked below, with our message; zip.js's own check would throw its English one.
    for await (const entry of zip.getEntriesGenerator({ filenameValidation: "tolerant" })) {
      entries.push(entry);
      if (entries.length > limits.maxEntries) {
        throw new ImportRefusedError(
          "zip_too_many_entries",
          `Berkas ZIP berisi lebih dari ${limits.maxEntries} berkas. Kirim ZIP yang hanya berisi berkas CSV-nya.`,
        );
      }
    }
  } catch (error) {
    throw zipError(error);
  }
  return entries;
}

function pickCsvEntry(entries: Entry[], limits: ReadLimits): FileEntry {
  const unsafe = entries.find((entry) => !isPlainName(entry.filename));
  if (unsafe) {
    throw new ImportRefusedError(
      "zip_unsafe_entry_name",
      `Berkas ZIP berisi entri dengan jalur folder (${quoteName(unsafe.filename)}). ` +
        `Masukkan berkas CSV langsung ke dalam ZIP, tanpa folder.`,
    );
  }
  const declaredTotal = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declaredTotal > limits.maxUncompressedBytes) {
    throw new ImportRefusedError(
      "zip_too_large",
      `Isi berkas ZIP berukuran ${formatBytes(declaredTotal)} setelah dibuka; batasnya ` +
        `${formatBytes(limits.maxUncompressedBytes)}.`,
    );
  }
  const candidates = entries.filter((entry): entry is FileEntry => !entry.directory && CSV_NAME.test(entry.filename));
  if (candidates.length === 0) {
    const excel = entries.some((entry) => entry.filename === "[Content_Types].xml");
    throw new ImportRefusedError(
      "zip_no_csv",
      excel
        ? "Berkas ini adalah berkas Excel (.xlsx), bukan CSV. Simpan sebagai CSV lalu impor lagi."
        : "Berkas ZIP tidak berisi berkas CSV (.csv, .txt atau .tsv).",
    );
  }
  if (candidates.length > 1) {
    throw new ImportRefusedError(
      "zip_multiple_csv",
      `Berkas ZIP berisi lebih dari satu berkas CSV: ${candidates.map((entry) => quoteName(entry.filename)).join(", ")}. ` +
        `Kirim satu CSV per ZIP.`,
    );
  }
  const entry = candidates[0]!;
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize >= COMPRESSION_RATIO_MIN_BYTES && ratio > limits.maxCompressionRatio) {
    throw new ImportRefusedError(
      "zip_bomb",
      `Berkas ${quoteName(entry.filename)} di dalam ZIP memadat ${formatCount(Math.round(ratio))} kali ` +
        `(batas ${limits.maxCompressionRatio} kali); data CSV biasa tidak memadat sebanyak itu. Berkas ditolak demi keamanan.`,
    );
  }
  return entry;
}

function streamEntry(entry: FileEntry, password: string | undefined, limits: ReadLimits): ZipEntryStream {
  const abort = new AbortController();
  let failure: Error | undefined;
  let pipeController: TransformStreamDefaultController<Uint8Array> | undefined;
  // A queue of two chunks: zip.js waits for the parser (backpressure), so memory stays flat.
  const pipe = new TransformStream<Uint8Array, Uint8Array>(
    {
      start(controller) {
        pipeController = controller;
      },
    },
    { highWaterMark: 2 },
    { highWaterMark: 2 },
  );
  const done = entry
    .getData(pipe.writable, {
      password,
      useWebWorkers: false,
      signal: abort.signal,
      // ZipCrypto has a one-byte password check and no MAC: a CRC catches a lucky wrong password.
      checkCrc32: entry.zipCrypto,
    })
    .then(
      () => undefined,
      (error: unknown) => {
        failure = zipError(error, entry);
        pipeController?.error(failure);
      },
    );
  const limit = Math.min(entry.uncompressedSize, limits.maxUncompressedBytes);

  async function* chunks(): AsyncGenerator<Uint8Array> {
    let total = 0;
    const stream = pipe.readable.getReader();
    try {
      while (true) {
        const { done: ended, value } = await stream.read();
        if (ended) break;
        total += value.byteLength;
        if (total > limit) {
          throw total > limits.maxUncompressedBytes
            ? new ImportRefusedError(
                "zip_too_large",
                `Isi berkas ZIP lebih besar dari ${formatBytes(limits.maxUncompressedBytes)} setelah dibuka.`,
              )
            : new ImportRefusedError("zip_size_mismatch", MESSAGES.sizeMismatch);
        }
        yield value;
      }
      // Integrity checks (AES authentication code, CRC) finish after the last chunk.
      await done;
      if (failure) throw failure;
    } catch (error) {
      throw failure ?? (error instanceof ImportRefusedError ? error : zipError(error, entry));
    } finally {
      abort.abort();
      await stream.cancel().catch(() => {});
      stream.releaseLock();
    }
  }

  return {
    name: entry.filename,
    encrypted: entry.encrypted,
    size: entry.uncompressedSize,
    chunks: chunks(),
    async close() {
      abort.abort();
      await pipe.readable.cancel().catch(() => {});
      await done;
    },
  };
}

/** A name without folders: no `/` or `\`, no `..`, no drive letter, no NUL. */
function isPlainName(name: string): boolean {
  return name !== "" && !/[/\\\0]/.test(name) && name !== "." && name !== ".." && !/^[a-zA-Z]:/.test(name);
}

function quoteName(name: string): string {
  const shown = name.length > 80 ? `${name.slice(0, 77)}…` : name;
  return `"${shown}"`;
}

/**
 * Maps zip.js's errors (English, matched by message) to refusals; our own refusals pass through.
 * Any other zip.js error is about the archive's structure (no end record, bad local header…).
 */
function zipError(error: unknown, entry?: FileEntry): Error {
  if (error instanceof ImportRefusedError) return error;
  const message = error instanceof Error ? error.message : "";
  const refuse = (code: ImportRefusedCode, text: string) =>
    new ImportRefusedError(code, text, { cause: error });
  switch (message) {
    case ERR_ENCRYPTED:
      return refuse("zip_password_required", MESSAGES.passwordRequired);
    case ERR_INVALID_PASSWORD:
      return refuse("zip_wrong_password", MESSAGES.wrongPassword);
    case ERR_UNSUPPORTED_ENCRYPTION:
    case ERR_UNSUPPORTED_COMPRESSION:
      return refuse("zip_unsupported", MESSAGES.unsupported);
    case ERR_INVALID_UNCOMPRESSED_SIZE:
      return refuse("zip_size_mismatch", MESSAGES.sizeMismatch);
    case ERR_INVALID_COMPRESSED_DATA:
    case ERR_INVALID_CRC32:
    case ERR_INVALID_AUTHENTICATION_CODE:
      return entry?.encrypted
        ? refuse("zip_wrong_password", MESSAGES.wrongPasswordOrCorrupt)
        : refuse("zip_corrupt", MESSAGES.corrupt);
  }
  // Aborts (close()) and the disk failing are not the file's fault: not refusals.
  if (error instanceof Error && (error.name === "AbortError" || "syscall" in error)) return error;
  return refuse("zip_corrupt", MESSAGES.corrupt);
}

/**
 * Random access to the ZIP on disk for zip.js, one read at a time (zip.js may ask for several
 * ranges at once). A read longer than `maxReadLength` can only be a central directory far larger
 * than `maxEntries` entries need: refused before it is read into memory.
 */
class FileHandleReader extends Reader<FileHandle> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly handle: FileHandle,
    fileSize: number,
    private readonly maxReadLength: number,
  ) {
    super(handle);
    this.size = fileSize;
  }

  override readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const read = this.queue.then(async () => {
      const wanted = Math.max(0, Math.min(length, this.size - index));
      if (wanted > this.maxReadLength) {
        throw new ImportRefusedError(
          "zip_too_many_entries",
          "Daftar isi berkas ZIP terlalu besar untuk satu berkas CSV. Kirim ZIP yang hanya berisi berkas CSV-nya.",
        );
      }
      const buffer = Buffer.allocUnsafeSlow(wanted);
      let filled = 0;
      while (filled < wanted) {
        const { bytesRead } = await this.handle.read(buffer, filled, wanted - filled, index + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
    });
    this.queue = read.catch(() => undefined);
    return read;
  }
}
