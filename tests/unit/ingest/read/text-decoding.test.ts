import { describe, expect, it } from "vitest";
import {
  completeUtf8Length,
  createChunkDecoder,
  firstInvalidUtf8Offset,
  sniffEncoding,
} from "@/server/ingest/read/text-decoding.ts";
import { windows1252 } from "@/tests/support/ingest-fixtures.ts";

describe("sniffEncoding", () => {
  it("calls valid UTF-8, ASCII and a BOM UTF-8", () => {
    expect(sniffEncoding(Buffer.from("Café – Jl. Soekarno–Hatta"), true)).toBe("utf-8");
    expect(sniffEncoding(Buffer.from("npwp,nama"), true)).toBe("utf-8");
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), true)).toBe("utf-8");
  });

  it("calls bytes that are not UTF-8 Windows-1252", () => {
    expect(sniffEncoding(windows1252("Café Nusantara"), false)).toBe("windows-1252");
  });

  it("does not mistake a sample cut inside a character for invalid UTF-8", () => {
    const bytes = Buffer.from("abc–");
    expect(sniffEncoding(bytes.subarray(0, bytes.length - 1), false)).toBe("utf-8");
  });

  it("calls a whole file ending in a Windows-1252 letter Windows-1252", () => {
    // 0xE9 ("é") at the very end looks like the start of a cut UTF-8 character.
    expect(sniffEncoding(windows1252("Café"), false)).toBe("utf-8");
    expect(sniffEncoding(windows1252("Café"), true)).toBe("windows-1252");
  });
});

describe("completeUtf8Length", () => {
  it.each([
    ["abc", 3],
    ["ab\xe9", 2], // "é" cut after its lead byte
  ])("%j", (latin1, expected) => {
    expect(completeUtf8Length(Buffer.from(latin1, "latin1"))).toBe(expected);
  });

  it("finds the boundary before a 3- and 4-byte character cut at each byte", () => {
    for (const char of ["–", "𝄞"]) {
      const bytes = Buffer.from(`a${char}`);
      for (let cut = 2; cut < bytes.length; cut++) expect(completeUtf8Length(bytes.subarray(0, cut))).toBe(1);
      expect(completeUtf8Length(bytes)).toBe(bytes.length);
    }
  });
});

describe("firstInvalidUtf8Offset", () => {
  it.each([
    [[0x61, 0x62, 0xe9, 0x63], 2], // lone Latin-1 é
    [[0x61, 0xc0, 0xaf], 1], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0x61, 0xe2, 0x80], 1], // truncated
    [[0x61, 0x62], 2], // valid: the length
  ])("%j → %i", (bytes, expected) => {
    expect(firstInvalidUtf8Offset(new Uint8Array(bytes))).toBe(expected);
  });
});

describe("createChunkDecoder", () => {
  it("decodes UTF-8 split anywhere across chunks", () => {
    const bytes = Buffer.from("Café – 𝄞 Jl. Soekarno–Hatta");
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = createChunkDecoder("utf-8");
      const text = decoder.write(bytes.subarray(0, cut)).text + decoder.write(bytes.subarray(cut)).text + decoder.end().text;
      expect(text).toBe("Café – 𝄞 Jl. Soekarno–Hatta");
    }
  });

  it("stops at invalid UTF-8 and returns the text before it", () => {
    const decoder = createChunkDecoder("utf-8");
    const bytes = Buffer.concat([Buffer.from("ok\n"), windows1252("Café Nusantara")]);
    expect(decoder.write(bytes)).toEqual({ text: "ok\nCaf", invalid: true });
  });

  it("reports input ending inside a character", () => {
    const decoder = createChunkDecoder("utf-8");
    decoder.write(Buffer.from([0x61, 0xe2, 0x80]));
    expect(decoder.end().invalid).toBe(true);
  });

  it("decodes Windows-1252, including the characters Latin-1 lacks", () => {
    const decoder = createChunkDecoder("windows-1252");
    expect(decoder.write(windows1252("Soekarno–Hatta “Café” €")).text).toBe("Soekarno–Hatta “Café” €");
  });
});
