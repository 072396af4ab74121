import "server-only";
import type { SourceId } from "@/lib/sources.ts";
import type { SourceDefinition } from "@/server/ingest/types.ts";
import { ahuEntitas } from "./ahu-entitas.ts";
import { ahuNotaris } from "./ahu-notaris.ts";
import { ahuPengurus } from "./ahu-pengurus.ts";
import { bpjsBu } from "./bpjs-bu.ts";
import { bpjsPeserta } from "./bpjs-peserta.ts";
import { kemnakerBu } from "./kemnaker-bu.ts";
import { kemnakerTk } from "./kemnaker-tk.ts";

/** Every source's column map and row normalizer (documented in docs/column-maps.md). */
export const SOURCES: Readonly<Record<SourceId, SourceDefinition>> = Object.freeze({
  "kemnaker-bu": kemnakerBu,
  "kemnaker-tk": kemnakerTk,
  "ahu-entitas": ahuEntitas,
  "ahu-pengurus": ahuPengurus,
  "ahu-notaris": ahuNotaris,
  "bpjs-bu": bpjsBu,
  "bpjs-peserta": bpjsPeserta,
});

/** The definition of `id`; throws for an id that is not a source (check with `isSourceId` first). */
export function getSource(id: SourceId): SourceDefinition {
  const definition = (SOURCES as Readonly<Record<string, SourceDefinition | undefined>>)[id];
  if (!definition) throw new Error(`Unknown source: ${String(id)}`);
  return definition;
}
