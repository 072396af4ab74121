import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvRecordParser, type Delimiter } from "@/server/ingest/read/csv-record-parser.ts";
import { ImportRefusedError } from "@/server/ingest/read/import-refused-error.ts";
import type { RawRow } from "@/server/ingest/types.ts";

/** Parses `text` fed in pieces cut at `cuts` (offsets), as chunks arrive from a stream. */
function parseChunked(text: string, delimiter: Delimiter = ",", cuts: number[] = []): RawRow[] {
  const parser = new CsvRecordParser({ delimiter, maxRecordChars: 1_000_000 });
  const out: RawRow[] = [];
  let start = 0;
  for (const cut of [...cuts, text.length]) {
    parser.feed(text.slice(start, cut), out);
    start = cut;
  }
  parser.finish(out);
  return out;
}

describe("CsvRecordParser", () => {
  it("numbers records by the physical line they start on", () => {
    expect(parseChunked('a,b\n"1\n2",3\n\n4,5')).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1\n2", "3"] },
      { line: 5, cells: ["4", "5"] },
    ]);
  });

  it("ends records at LF, CRLF and a lone CR", () => {
    expect(parseChunked("a\nb\r\nc\rd").map((row) => [row.line, row.cells[0]])).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
      [4, "d"],
    ]);
  });

  it("gives the same result whatever the chunking, a CRLF or an escaped quote split included", () => {
    const text = 'x,y\r\n"a ""q"" b","c\r\nd"\r\n\r\ne,f\r\n';
    const whole = parseChunked(text);
    expect(whole).toEqual([
      { line: 1, cells: ["x", "y"] },
      { line: 2, cells: ['a "q" b', "c\r\nd"] },
      { line: 5, cells: ["e", "f"] },
    ]);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parseChunked(text, ",", [cut])).toEqual(whole);
    }
  });

  it("keeps a trailing empty cell and a line holding only an empty quoted cell", () => {
    expect(parseChunked('a,b,\n""\n').map((row) => row.cells)).toEqual([["a", "b", ""], [""]]);
  });

  it("appends text after a closing quote instead of failing the file", () => {
    expect(parseChunked('"PT A" Tbk,b\n').map((row) => row.cells)).toEqual([["PT A Tbk", "b"]]);
  });

  it("refuses an unclosed quote at the end of the input with the line it opened on", () => {
    const parser = new CsvRecordParser({ delimiter: ",", maxRecordChars: 100 });
    parser.feed('a,b\n1,"open\n\n', []);
    expect(() => parser.finish([])).toThrow(expect.objectContaining({ code: "unclosed_quote", line: 2 }));
  });

  it("refuses a record over maxRecordChars, even spread over many chunks", () => {
    const parser = new CsvRecordParser({ delimiter: ",", maxRecordChars: 100 });
    const feedMany = () => {
      for (let i = 0; i < 50; i++) parser.feed("abc,", []);
    };
    expect(feedMany).toThrow(ImportRefusedError);
  });
});

/** A small deterministic PRNG so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/**
 * A random, well-formed CSV with one line ending throughout (csv-parse detects a single record
 * delimiter per file), and the line each record starts on.
 */
function randomCsv(next: () => number, delimiter: Delimiter, lineEnd: string): { text: string; lines: number[] } {
  const plain = ["PT", "Café", "–", " ", "Jl.", "x", "0", "a b", "'", "é"];
  const special = [delimiter, '"', "\n", "\r\n", ",", ";"];
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  let text = "";
  let line = 1;
  const lines: number[] = [];
  const records = 1 + Math.floor(next() * 8);
  for (let r = 0; r < records; r++) {
    while (next() < 0.2) {
      text += lineEnd; // empty lines
      line++;
    }
    lines.push(line);
    const cells: string[] = [];
    const count = 1 + Math.floor(next() * 5);
    for (let c = 0; c < count; c++) {
      if (next() < 0.4) {
        let value = "";
        for (let k = Math.floor(next() * 4); k > 0; k--) value += next() < 0.5 ? pick(plain) : pick(special);
        line += (value.match(/\r\n|\n/g) ?? []).length;
        cells.push(`"${value.replaceAll('"', '""')}"`);
      } else {
        let value = "";
        for (let k = Math.floor(next() * 4); k > 0; k--) value += pick(plain);
        cells.push(value);
      }
    }
    // A record of one empty unquoted cell is an empty line: both parsers skip it, so skip it here.
    if (cells.length === 1 && cells[0] === "") cells[0] = "x";
    text += cells.join(delimiter) + lineEnd;
    line++;
  }
  return { text, lines };
}

describe("CsvRecordParser against csv-parse", () => {
  it.each([",", ";", "|", "\t"] as const)("reads 500 random files like csv-parse (delimiter %j)", (delimiter) => {
    const next = random(delimiter.charCodeAt(0));
    for (let run = 0; run < 500; run++) {
      const lineEnd = next() < 0.5 ? "\n" : "\r\n";
      const { text, lines } = randomCsv(next, delimiter, lineEnd);
      const reference = parse(text, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        record_delimiter: lineEnd,
      }) as string[][];
      const cut = Math.floor(next() * text.length);
      const ours = parseChunked(text, delimiter, [cut]);
      expect(ours.map((row) => row.cells), JSON.stringify(text)).toEqual(reference);
      expect(ours.map((row) => row.line), JSON.stringify(text)).toEqual(lines);
    }
  });
});
