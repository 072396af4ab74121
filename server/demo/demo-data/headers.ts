import "server-only";
import type { SourceId } from "@/lib/sources.ts";
import { SOURCES } from "@/server/ingest/sources/index.ts";
import type { ColumnSpec } from "@/server/ingest/types.ts";

/**
 * The header row of each demo file, taken from the pipeline's own column maps
 * (server/ingest/sources), so the files always import. Most files use the agreements' labels;
 * some use aliases or the canonical keys, to exercise header matching the way partners do.
 */
export type HeaderStyle =
  /** The agreement's label: "Nomor Pokok Wajib Pajak (NPWP)". */
  | "label"
  /** The label in capitals: "NOMOR POKOK WAJIB PAJAK (NPWP)". */
  | "label-upper"
  /** A short alias where there is one: "npwp", "no_hp". */
  | "alias"
  /** The canonical key: "nama_kontak". */
  | "key"
  /** Label, alias and key in turn, column by column. */
  | "mixed"
  /** The label as it is, in lower case or in capitals, column by column (hand-made exports). */
  | "label-any-case";

export interface DemoColumn {
  key: string;
  header: string;
}

/** The alias a partner's own export would most likely use: a snake_case one, else the first. */
function shortAlias(spec: ColumnSpec): string {
  return (
    spec.aliases.find((alias) => /^[a-z0-9_]+$/.test(alias)) ??
    spec.aliases.find((alias) => alias.length <= 12) ??
    spec.aliases[0] ??
    spec.label
  );
}

function headerFor(spec: ColumnSpec, style: HeaderStyle, position: number): string {
  switch (style) {
    case "label":
      return spec.label;
    case "label-upper":
      return spec.label.toUpperCase();
    case "alias":
      return shortAlias(spec);
    case "key":
      return spec.key;
    case "mixed":
      return [spec.label, shortAlias(spec), spec.key][position % 3]!;
    case "label-any-case":
      return [spec.label, spec.label.toLowerCase(), spec.label.toUpperCase()][position % 3]!;
  }
}

/** The source's columns in map order, with the header each gets in the demo file. */
export function demoColumns(source: SourceId, style: HeaderStyle): DemoColumn[] {
  return SOURCES[source].columns.map((spec, i) => ({ key: spec.key, header: headerFor(spec, style, i) }));
}
