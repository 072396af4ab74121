import { formatCount, formatPercent } from "@/lib/format.ts";
import { sourceLabel } from "@/components/imports/labels.ts";
import { EVIDENCE_FIELDS, type ReviewRecordDto } from "@/lib/match-review.ts";
import { isSourceId, SOURCE_PARTNER } from "@/lib/sources.ts";

/**
 * The side-by-side table of a review pair, prepared as plain rows: what each record says per
 * field, and whether the matcher found the field agreeing or disagreeing (its evidence; fields it
 * did not compare have no verdict). Pure, so the page only draws it.
 */

/** The parts of a record the comparison shows. */
export type ComparedRecord = Omit<ReviewRecordDto, "id">;

export interface ComparedPair {
  nameSimilarity: number | null;
  agree: readonly string[];
  disagree: readonly string[];
  left: ComparedRecord | null;
  right: ComparedRecord | null;
}

export type Verdict = "agree" | "disagree" | null;

export interface ComparisonRow {
  label: string;
  left: string | null;
  right: string | null;
  verdict: Verdict;
  /** A short note beside the verdict ("kemiripan 93%"). */
  note?: string;
}

const LEGAL_FORMS: Record<string, string> = {
  PT: "PT (Perseroan Terbatas)",
  CV: "CV (Persekutuan Komanditer)",
  FIRMA: "Firma",
  PERSEKUTUAN_PERDATA: "Persekutuan Perdata",
};

const PARTNER_LABELS = { kemnaker: "Kemnaker", ahu: "AHU", bpjs: "BPJS" } as const;

/** "Kemnaker", "AHU", "BPJS": the column headers of the comparison. */
export function sourceLabelShort(source: string): string {
  return isSourceId(source) ? PARTNER_LABELS[SOURCE_PARTNER[source]] : source;
}

function verdictOf(pair: ComparedPair, fields: readonly string[]): Verdict {
  if (fields.some((f) => pair.disagree.includes(f))) return "disagree";
  if (fields.some((f) => pair.agree.includes(f))) return "agree";
  return null;
}

function region(value: ReviewRecordDto["province"]): string | null {
  return value ? `${value.name} (${value.code})` : null;
}

function partnerCode(r: ComparedRecord): string | null {
  const codes = [r.kodeWlkp && `Kode WLKP ${r.kodeWlkp}`, r.kodeBadanUsaha && `Kode Badan Usaha ${r.kodeBadanUsaha}`].filter(Boolean);
  return codes.length ? codes.join(" · ") : null;
}

export function comparisonRows(pair: ComparedPair): ComparisonRow[] {
  const row = (label: string, read: (r: ComparedRecord) => string | null, fields: readonly string[] = []): ComparisonRow => {
    const left = pair.left ? read(pair.left) : null;
    const right = pair.right ? read(pair.right) : null;
    const verdict = verdictOf(pair, fields);
    // "Sama" only where both records say something: two blanks agree on nothing.
    return { label, left, right, verdict: verdict === "agree" && (left === null || right === null) ? null : verdict };
  };
  const name = row("Nama", (r) => r.name, EVIDENCE_FIELDS.name);
  if (pair.nameSimilarity !== null) {
    name.verdict ??= pair.nameSimilarity >= 1 ? "agree" : null;
    name.note = `kemiripan ${formatPercent(pair.nameSimilarity)}${pair.disagree.includes("cabang") ? ", cabang berbeda" : ""}`;
  }
  return [
    row("Sumber", (r) => sourceLabel(r.source)),
    row("Periode", (r) => r.period),
    name,
    row("Bentuk usaha", (r) => (r.legalForm ? (LEGAL_FORMS[r.legalForm] ?? r.legalForm) : null), EVIDENCE_FIELDS.legalForm),
    row("NPWP", (r) => r.npwp),
    row("NIB", (r) => r.nib),
    row("Kode mitra", partnerCode),
    row("Provinsi", (r) => region(r.province)),
    row("Kabupaten/Kota", (r) => region(r.regency)),
    row("Kecamatan", (r) => region(r.district), EVIDENCE_FIELDS.district),
    row("Kelurahan/Desa", (r) => region(r.village), EVIDENCE_FIELDS.village),
    row("Alamat", (r) => r.address, EVIDENCE_FIELDS.address),
    row("Kode pos", (r) => r.postcode, EVIDENCE_FIELDS.postcode),
    row("Telepon", (r) => r.phone, EVIDENCE_FIELDS.phone),
    row("Email", (r) => r.email, EVIDENCE_FIELDS.email),
    row("KBLI", (r) => r.kbli, EVIDENCE_FIELDS.kbli),
    row("Jumlah pekerja", (r) => (r.workerCount === null ? null : formatCount(r.workerCount))),
    row("Pekerja terdaftar JKN", (r) => (r.registeredWorkers === null ? null : formatCount(r.registeredWorkers))),
  ];
}
