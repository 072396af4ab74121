import "server-only";
import type { Delimiter } from "./csv-record-parser.ts";

/** Candidates in order of preference when two score the same (comma is the CSV default). */
const CANDIDATES: readonly Delimiter[] = [",", ";", "\t", "|"];

/** The header and this many records after it are enough to tell; more only costs time. */
const SAMPLE_RECORDS = 20;

/**
 * Picks the delimiter from the start of a file: for each candidate, the number of occurrences
 * outside quotes on the header line and on the records after it. The winner is the candidate that
 * appears in the header and whose count on the following records most often equals the header's
 * (a `;` file with commas in its addresses still has the same number of `;` on every line); then
 * the one with more columns; then the preference order. A header with none of them is one column,
 * read with `,`.
 *
 * @param sample the decoded start of the file
 * @param complete whether `sample` is the whole file (else its last, possibly cut, record is ignored)
 */
export function detectDelimiter(sample: string, complete: boolean): Delimiter {
  const counts = countPerRecord(sample, complete);
  const header = counts[0];
  if (!header) return ",";
  let best: { delimiter: Delimiter; agreeing: number; columns: number } | null = null;
  for (const [index, delimiter] of CANDIDATES.entries()) {
    const columns = header[index]!;
    if (columns === 0) continue;
    const agreeing = counts.slice(1).filter((record) => record[index] === columns).length;
    if (!best || agreeing > best.agreeing || (agreeing === best.agreeing && columns > best.columns)) {
      best = { delimiter, agreeing, columns };
    }
  }
  return best?.delimiter ?? ",";
}

/** Occurrences of each candidate outside quotes, per non-empty record (header first). */
function countPerRecord(sample: string, complete: boolean): number[][] {
  const records: number[][] = [];
  let counts = CANDIDATES.map(() => 0);
  let inQuotes = false;
  let empty = true;
  for (let i = 0; i < sample.length && records.length <= SAMPLE_RECORDS; i++) {
    const char = sample[i]!;
    if (char === '"') {
      inQuotes = !inQuotes; // `""` toggles twice: an escaped quote changes nothing
      empty = false;
    } else if (!inQuotes && (char === "\n" || char === "\r")) {
      if (!empty) records.push(counts);
      counts = CANDIDATES.map(() => 0);
      empty = true;
    } else {
      empty = false;
      if (!inQuotes) {
        const index = CANDIDATES.indexOf(char as Delimiter);
        if (index >= 0) counts[index]!++;
      }
    }
  }
  if (complete && !empty && records.length <= SAMPLE_RECORDS) records.push(counts);
  return records;
}
