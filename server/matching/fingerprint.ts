import "server-only";
import type { MatchRecord } from "./types.ts";

/**
 * The identity of a partner record that outlives its import: the partner's own code where it has
 * one (Kode WLKP, BPJS's Kode Badan Usaha), AHU's NPWP, else what the row says about itself.
 * Review decisions and business ids are keyed by it, so they survive re-imports and new periods.
 */
export function fingerprintOf(r: Pick<MatchRecord, "source" | "kodeWlkp" | "kodeBadanUsaha" | "npwp" | "nib" | "key" | "regencyCode">): string {
  if (r.source === "kemnaker-bu" && r.kodeWlkp) return `${r.source}/w/${r.kodeWlkp}`;
  if (r.source === "bpjs-bu" && r.kodeBadanUsaha) return `${r.source}/k/${r.kodeBadanUsaha}`;
  if (r.source === "ahu-entitas" && r.npwp) return `${r.source}/n/${r.npwp}`;
  return `${r.source}/h/${r.npwp ?? ""}/${r.nib ?? ""}/${r.key}/${r.regencyCode ?? ""}`;
}
