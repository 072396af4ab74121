import "server-only";
import { normalizePosition } from "./ahu-pengurus.ts";
import { cleanText } from "./row-helpers.ts";

/**
 * The "Pengurus dan Sekutu" cell of an AHU entity file: several officers in one cell, as clerks
 * write them — "Budi Santoso (Direktur); Ani (Komisaris)", "Direktur: Budi | Komisaris: Ani",
 * one per line, or "Budi Santoso, S.E., Ani Lestari". Officers are split on `;`, `|`, line
 * breaks and ` / `; on commas only when none of those occur, and then an academic degree after a
 * comma ("S.E.", "M.Kn", "SH") stays with the name before it.
 */
export interface CellOfficer {
  name: string;
  /** The position written with the name, in the pengurus file's spelling; null when none. */
  position: string | null;
}

const STRONG_SEPARATOR = /\s*(?:;|\||\r?\n|\s\/\s)\s*/;
/** Degrees and titles written after a name, without dots, uppercase. */
const DEGREES = new Set([
  "SH", "SE", "ST", "SKOM", "SPD", "SSOS", "SIP", "SKM", "SKED", "SPSI", "SAK", "SFARM", "SPT", "SP", "SS", "SHUT", "SSI", "SIKOM", "SAB", "SM", "SN",
  "MH", "MM", "MT", "MSI", "MKN", "MBA", "MPD", "MKOM", "MAK", "MSC", "MA", "MHUM", "MKES", "MSE", "MIKOM",
  "AMD", "AMDKEB", "AMDKEP", "BSC", "BA", "PHD", "DR", "IR", "DRS", "DRA", "HJ", "H", "CPA", "AK", "CA",
]);

const isDegree = (piece: string) => {
  const folded = piece.replace(/[.\s]/g, "").toUpperCase();
  return folded.length > 0 && folded.length <= 7 && (DEGREES.has(folded) || /^([A-Za-z]{1,3}\.){2,}[A-Za-z]{0,4}\.?$/.test(piece.replace(/\s/g, "")));
};

/** "Direktur: Budi" or "Budi (Direktur)" or plain "Budi". */
function officerOf(piece: string): CellOfficer | null {
  const text = cleanText(piece);
  if (text === null) return null;
  const bracketed = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(text);
  if (bracketed && bracketed[1]) return { name: bracketed[1], position: normalizePosition(bracketed[2]) };
  const labelled = /^([^:]+?)\s*:\s*(.+)$/.exec(text);
  if (labelled) return { name: labelled[2]!, position: normalizePosition(labelled[1]) };
  return { name: text, position: null };
}

export function parseOfficerCell(raw: string | undefined): CellOfficer[] {
  const text = raw?.trim() ?? "";
  if (text === "") return [];
  let pieces = text.split(STRONG_SEPARATOR);
  if (pieces.length === 1) {
    pieces = [];
    for (const part of text.split(/\s*,\s*/)) {
      if (pieces.length > 0 && isDegree(part)) pieces[pieces.length - 1] += `, ${part}`;
      else pieces.push(part);
    }
  }
  return pieces.map(officerOf).filter((officer): officer is CellOfficer => officer !== null);
}

/** One spelling for stored officers, which `parseOfficerCell` reads back as they were. */
export function formatOfficerCell(officers: readonly CellOfficer[]): string {
  return officers.map((o) => (o.position ? `${o.name} (${o.position})` : o.name)).join("; ");
}
