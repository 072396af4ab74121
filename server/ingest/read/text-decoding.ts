import "server-only";
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type PartnerEncoding = "utf-8" | "windows-1252";

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** UTF-16 byte order marks: Excel's "Unicode Text" export, which Jangkau does not read. */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * UTF-8 when the sample (the start of the file) is valid UTF-8 or starts with a BOM, else
 * Windows-1252, which is what Excel on an Indonesian Windows writes for "CSV (Comma delimited)".
 * A sample cut in the middle of a character still counts as valid, unless it is the whole file.
 */
export function sniffEncoding(sample: Uint8Array, wholeFile: boolean): PartnerEncoding {
  if (hasUtf8Bom(sample)) return "utf-8";
  const checked = wholeFile ? sample : sample.subarray(0, completeUtf8Length(sample));
  return isUtf8(checked) ? "utf-8" : "windows-1252";
}

/** Decodes a byte stream chunk by chunk; `invalidAt` is set when UTF-8 input turns out not to be. */
export interface ChunkDecoder {
  /**
   * Decodes `bytes`. For UTF-8, stops at the first invalid sequence: returns the text before it
   * and sets `invalid`. A character split across chunks is completed by the next call.
   */
  write(bytes: Uint8Array): { text: string; invalid: boolean };
  /** The end of the input; `invalid` when it ends inside a character. */
  end(): { text: string; invalid: boolean };
}

export function createChunkDecoder(encoding: PartnerEncoding): ChunkDecoder {
  return encoding === "utf-8" ? new Utf8ChunkDecoder() : new Windows1252ChunkDecoder();
}

/**
 * Strict UTF-8: validated with Node's native `isUtf8` and decoded with `Buffer#toString` (216 MB in
 * 0.22 s here, against 0.34 s for a fatal `TextDecoder`); never substitutes U+FFFD.
 */
class Utf8ChunkDecoder implements ChunkDecoder {
  private carry: Buffer = Buffer.alloc(0);

  write(bytes: Uint8Array): { text: string; invalid: boolean } {
    const input = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : toBuffer(bytes);
    const complete = completeUtf8Length(input);
    const body = input.subarray(0, complete);
    if (!isUtf8(body)) {
      this.carry = Buffer.alloc(0);
      return { text: body.toString("utf8", 0, firstInvalidUtf8Offset(body)), invalid: true };
    }
    this.carry = Buffer.from(input.subarray(complete));
    return { text: body.toString("utf8"), invalid: false };
  }

  end(): { text: string; invalid: boolean } {
    const invalid = this.carry.length > 0;
    this.carry = Buffer.alloc(0);
    return { text: "", invalid };
  }
}

/** iconv-lite's streaming decoder (what `iconv.decodeStream` wraps), driven chunk by chunk. */
class Windows1252ChunkDecoder implements ChunkDecoder {
  private readonly decoder = iconv.getDecoder("windows-1252");

  write(bytes: Uint8Array): { text: string; invalid: boolean } {
    return { text: this.decoder.write(toBuffer(bytes)), invalid: false };
  }

  end(): { text: string; invalid: boolean } {
    return { text: this.decoder.end() ?? "", invalid: false };
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Length of `bytes` without a trailing, incomplete multi-byte character. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = bytes[n - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (only called on failure). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let length: number;
    let min: number;
    if (lead < 0x80) {
      i++;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + length > bytes.length) return i;
    let codePoint = lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += length;
  }
  return i;
}
