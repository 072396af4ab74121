import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { configure, TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from "@zip.js/zip.js";
import iconv from "iconv-lite";
import { afterAll } from "vitest";

configure({ useWebWorkers: false });

/**
 * A temp folder for one test file's fixtures, removed after the file's tests. Call at the top
 * level of a test file.
 */
export function createFixtureDir(): { write(name: string, content: string | Uint8Array): Promise<string> } {
  let dir: Promise<string> | undefined;
  afterAll(async () => {
    if (dir) await rm(await dir, { recursive: true, force: true });
  });
  return {
    async write(name, content) {
      dir ??= mkdtemp(path.join(tmpdir(), "jangkau-read-"));
      const file = path.join(await dir, name);
      await writeFile(file, content);
      return file;
    },
  };
}

/** The bytes Excel on an Indonesian Windows writes for "CSV (Comma delimited)". */
export function windows1252(text: string): Buffer {
  return iconv.encode(text, "windows-1252");
}

export function utf8WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

export interface ZipFixtureEntry {
  name: string;
  content: string | Uint8Array;
}

export interface ZipFixtureOptions {
  password?: string;
  /** AES key size 128/192/256 (zip.js's default when a password is set is 3, AES-256). */
  encryptionStrength?: 1 | 2 | 3;
  /** Legacy PKWARE encryption, as Windows Explorer and old tools write it. */
  zipCrypto?: boolean;
  /** Deflate level, 0 = stored. */
  level?: number;
}

/** A ZIP built with zip.js's ZipWriter, as a partner's archiver would write it. */
export async function buildZip(entries: ZipFixtureEntry[], options: ZipFixtureOptions = {}): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const entry of entries) {
    const reader =
      typeof entry.content === "string" ? new TextReader(entry.content) : new Uint8ArrayReader(entry.content);
    await writer.add(entry.name, reader, {
      password: options.password,
      encryptionStrength: options.password && !options.zipCrypto ? options.encryptionStrength : undefined,
      zipCrypto: options.zipCrypto,
      level: options.level,
    });
  }
  return writer.close();
}

/**
 * Makes every header of a ZIP declare `size` as the uncompressed size of its entries: a ZIP that
 * lies about its size. Assumes a ZIP without data descriptors and without Zip64, as `buildZip`
 * writes for small unencrypted entries.
 */
export function declareUncompressedSize(zip: Uint8Array, size: number): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer);
  for (let offset = 0; offset + 4 <= bytes.length; offset++) {
    const signature = view.getUint32(offset, true);
    if (signature === 0x04034b50) view.setUint32(offset + 22, size, true); // local file header
    if (signature === 0x02014b50) view.setUint32(offset + 24, size, true); // central directory record
  }
  return bytes;
}

/** `count` data rows of a simple 3-column CSV, header first. */
export function simpleCsv(count: number, lineEnd = "\n"): string {
  const lines = ["npwp,nama,alamat"];
  for (let i = 1; i <= count; i++) lines.push(`0${i},PT Contoh ${i},Jl. Merdeka ${i}`);
  return lines.join(lineEnd) + lineEnd;
}

/** Collects every row of an async iterable (small fixtures only). */
export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}
