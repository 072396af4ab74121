import { SOURCE_IDS, SOURCE_LABELS, type SourceId } from "@/lib/sources.ts";
import { matchHeaders } from "./header-matching.ts";
import { getSource } from "./sources/index.ts";

/**
 * The source whose columns a header row fits best, other than the one it was filed under: every
 * required column present, no column claimed twice, and the most columns recognised. A file
 * uploaded under the wrong source is refused for its missing columns; naming the source its
 * headers do fit turns that refusal into the fix. Null when no other source fits.
 */
export function bestMatchingSource(headerCells: readonly string[], filedUnder: SourceId): SourceId | null {
  return bestFit(headerCells, filedUnder)?.source ?? null;
}

function bestFit(headerCells: readonly string[], filedUnder: SourceId): { source: SourceId; recognised: number } | null {
  let best: { source: SourceId; recognised: number } | null = null;
  for (const source of SOURCE_IDS) {
    if (source === filedUnder) continue;
    const match = matchHeaders(headerCells, getSource(source));
    if (match.missingRequired.length > 0 || match.duplicates.length > 0) continue;
    const recognised = match.keyByIndex.filter((key) => key !== null).length;
    if (!best || recognised > best.recognised) best = { source, recognised };
  }
  return best;
}

const recognisedBy = (headerCells: readonly string[], source: SourceId) =>
  matchHeaders(headerCells, getSource(source)).keyByIndex.filter((key) => key !== null).length;

/**
 * Why a file that has every column its source requires still belongs elsewhere: another source
 * recognises more of its columns. A source whose only required column is a name (AHU's entity
 * file: the agreement lists no Jenis Entitas) would otherwise take a BPJS registry or a pengurus
 * list filed under it, row by row, as entities. Null when the filed source fits as well as any.
 */
export function betterFitProblem(headerCells: readonly string[], filedUnder: SourceId): string | null {
  const best = bestFit(headerCells, filedUnder);
  if (!best) return null;
  const own = recognisedBy(headerCells, filedUnder);
  if (best.recognised <= own) return null;
  return (
    `Kolom berkas ini lebih cocok dengan sumber "${SOURCE_LABELS[best.source]}" (${best.recognised} kolom dikenali) ` +
    `daripada "${SOURCE_LABELS[filedUnder]}" (${own} kolom): pilih sumber itu lalu impor lagi.`
  );
}

/** A header refusal, followed by the source the file does fit when there is one. */
export function withBetterSourceHint(problem: string, headerCells: readonly string[], filedUnder: SourceId): string {
  const better = bestMatchingSource(headerCells, filedUnder);
  return better ? `${problem}. Kolom berkas ini cocok dengan sumber "${SOURCE_LABELS[better]}": pilih sumber itu lalu impor lagi.` : problem;
}
