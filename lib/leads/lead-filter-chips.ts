import { BUSINESS_SCALE_LABELS } from "../identifiers/business-scale.ts";
import { SOURCE_LABELS, isSourceId } from "../sources.ts";
import { BUSINESS_STATUS_LABELS } from "./business-status.ts";
import { ENTITY_KIND_LABELS } from "./entity-kind.ts";
import { FOLLOW_UP_STATUS_LABELS, NOT_FOLLOWED_UP, NOT_FOLLOWED_UP_LABEL } from "./follow-up-status.ts";
import { ASSIGNED_TO_ME, ASSIGNED_TO_NOBODY, ASSIGNED_TO_TAKEABLE, type LeadFilter } from "./lead-filter.ts";

/** One active filter as a removable chip: its words, and the filter without it. */
export interface LeadFilterChip {
  key: string;
  label: string;
  without: LeadFilter;
}

export interface ChipNames {
  /** The search as the field shows it (masked when personal). */
  searchText: string;
  regionName: (code: string) => string;
  officerName: (id: string) => string;
}

const count = (n: number) => n.toLocaleString("id-ID");

/**
 * The filter's active parts, one chip per value for lists (each "Skala: Mikro" removable alone),
 * in the order the panel shows its fields. Sort, page and columns are not filters: no chips.
 */
export function leadFilterChips(filter: LeadFilter, names: ChipNames): LeadFilterChip[] {
  const chips: LeadFilterChip[] = [];
  const drop = <K extends keyof LeadFilter>(key: K): LeadFilter => {
    const rest = { ...filter };
    delete rest[key];
    return rest;
  };
  const each = <K extends "regionCodes" | "scales" | "statuses" | "followUpStatuses" | "sources">(key: K, label: (value: string) => string) => {
    const values = (filter[key] ?? []) as readonly string[];
    for (const value of values) {
      const left = values.filter((v) => v !== value);
      chips.push({ key: `${key}:${value}`, label: label(value), without: left.length ? { ...filter, [key]: left } : drop(key) });
    }
  };

  if (filter.q !== undefined || filter.qToken !== undefined) {
    const rest = drop("q");
    delete rest.qToken;
    chips.push({ key: "q", label: `Cari: ${names.searchText}`, without: rest });
  }
  if (filter.assignedTo) {
    const who =
      filter.assignedTo === ASSIGNED_TO_ME
        ? "saya"
        : filter.assignedTo === ASSIGNED_TO_NOBODY
          ? "belum ditugaskan"
          : filter.assignedTo === ASSIGNED_TO_TAKEABLE
            ? "bisa saya ambil"
            : names.officerName(filter.assignedTo);
    chips.push({ key: "assignedTo", label: `Petugas: ${who}`, without: drop("assignedTo") });
  }
  if (filter.kind) chips.push({ key: "kind", label: `Jenis: ${ENTITY_KIND_LABELS[filter.kind]}`, without: drop("kind") });
  each("regionCodes", (code) => `Wilayah: ${names.regionName(code)}`);
  each("scales", (scale) => `Skala: ${BUSINESS_SCALE_LABELS[scale as keyof typeof BUSINESS_SCALE_LABELS] ?? scale}`);
  each("statuses", (status) => `Status: ${BUSINESS_STATUS_LABELS[status as keyof typeof BUSINESS_STATUS_LABELS] ?? status}`);
  if (filter.all) chips.push({ key: "all", label: "Termasuk yang sudah terdaftar", without: drop("all") });
  each("followUpStatuses", (status) =>
    `Tindak lanjut: ${status === NOT_FOLLOWED_UP ? NOT_FOLLOWED_UP_LABEL : (FOLLOW_UP_STATUS_LABELS[status as keyof typeof FOLLOW_UP_STATUS_LABELS] ?? status)}`,
  );
  each("sources", (source) => `Sumber: ${isSourceId(source) ? SOURCE_LABELS[source] : source}`);
  if (filter.kbliSection) chips.push({ key: "kbliSection", label: `Kategori KBLI: ${filter.kbliSection}`, without: drop("kbliSection") });
  if (filter.kbli) chips.push({ key: "kbli", label: `KBLI: ${filter.kbli}…`, without: drop("kbli") });
  if (filter.workersMin !== undefined) chips.push({ key: "workersMin", label: `Pekerja ≥ ${count(filter.workersMin)}`, without: drop("workersMin") });
  if (filter.workersMax !== undefined) chips.push({ key: "workersMax", label: `Pekerja ≤ ${count(filter.workersMax)}`, without: drop("workersMax") });
  if (filter.gapMin !== undefined) chips.push({ key: "gapMin", label: `Belum terdaftar ≥ ${count(filter.gapMin)}`, without: drop("gapMin") });
  return chips;
}
