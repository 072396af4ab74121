import { sharePercent, type ChartTable, type ColumnKind } from "./dashboard/chart-tables.ts";
import { formatCount, formatDay, formatPercent, formatWibDate } from "./format.ts";
import { BUSINESS_STATUS_LABELS } from "./leads/business-status.ts";
import { MONEV_PARTNER_LABELS, type MonevFigures } from "./monev.ts";
import { sourceLabel } from "./sources.ts";

/**
 * The report's figures shaped into its sections — one heading, one table each — in the order the
 * page, the PDF and the XLSX show them, so the three never disagree. Pure: unit-tested, and the
 * renderers only draw. A part a region-scoped report leaves out keeps its section, with the
 * reason instead of rows; a figure that is missing stays null ("missing is a gap, not a zero").
 */

export type MonevCell = string | number | null;

export interface MonevColumn {
  header: string;
  /** How the cell is written: counts and shares right-aligned, shares (0–1) as percentages. */
  type: ColumnKind;
}

export interface MonevSection {
  id: "diterima" | "penolakan" | "badan-usaha" | "tenaga-kerja" | "prospek" | "tindak-lanjut" | "cakupan" | "balikan" | "web-service";
  title: string;
  /** One sentence on what the figures count. */
  note: string;
  columns: MonevColumn[];
  rows: MonevCell[][];
  /** Why the section has no rows in this report (a region-scoped report); null otherwise. */
  unavailable: string | null;
  /** The bar chart the PDF draws for it: the label column and the value column. */
  chart?: { label: number; value: number };
}

const NATIONAL_ONLY = "Hanya pada laporan seluruh wilayah: menyangkut kiriman mitra secara nasional, bukan wilayah tertentu.";

export function monevSections(figures: MonevFigures): MonevSection[] {
  const sections: MonevSection[] = [
    {
      id: "diterima",
      title: "Data diterima per periode",
      note: figures.national
        ? "Berkas dan kiriman web service mitra per periode data: baris, diterima, ditolak, duplikat."
        : "Rekaman diterima yang berada di wilayah laporan (data pekerja dan pengurus tidak memuat wilayah: —); jumlah berkas dan penolakan hanya pada laporan seluruh wilayah.",
      columns: [
        { header: "Periode", type: "text" },
        { header: "Sumber data", type: "text" },
        { header: "Berkas", type: "count" },
        { header: "Baris", type: "count" },
        { header: "Diterima", type: "count" },
        { header: "Ditolak", type: "count" },
        { header: "Duplikat", type: "count" },
      ],
      rows: figures.received.map((r) => [r.period, sourceLabel(r.source), r.files, r.dataRows, r.accepted, r.rejected, r.duplicates]),
      unavailable: null,
    },
    {
      id: "penolakan",
      title: "Alasan penolakan terbanyak",
      note: "Baris yang ditolak menurut kolom dan alasannya, dari laporan penolakan setiap impor tahun ini.",
      columns: [
        { header: "Kolom dan alasan", type: "text" },
        { header: "Baris ditolak", type: "count" },
      ],
      rows: (figures.rejectReasons ?? []).map((r) => [r.reason, r.rows]),
      unavailable: figures.rejectReasons === null ? NATIONAL_ONLY : null,
    },
    {
      id: "badan-usaha",
      title: "Badan usaha ditemukan",
      note: `Badan usaha yang memuat data ${MONEV_PARTNER_LABELS[figures.partner]}, menurut status kepesertaan JKN hasil pencocokan terakhir.`,
      columns: [
        { header: "Status JKN", type: "text" },
        { header: "Badan usaha", type: "count" },
      ],
      rows: [
        ...Object.entries(figures.businesses.byStatus).map(([status, count]) => [BUSINESS_STATUS_LABELS[status as keyof typeof BUSINESS_STATUS_LABELS], count]),
        ["Jumlah", figures.businesses.total],
        ...(figures.partner === "kemnaker"
          ? [
              ["Pekerja menurut laporan WLKP", figures.businesses.workersReported],
              ["Pekerja belum terdaftar (selisih)", figures.businesses.workerGap],
            ]
          : []),
      ],
      unavailable: null,
    },
  ];
  if (figures.workers) {
    const w = figures.workers;
    sections.push({
      id: "tenaga-kerja",
      title: "Tenaga kerja ditemukan",
      note: "Tenaga kerja yang dikirim Kemnaker untuk badan usaha tersebut, menurut kepesertaan JKN (dicocokkan dengan NIK).",
      columns: [
        { header: "Kepesertaan JKN", type: "text" },
        { header: "Tenaga kerja", type: "count" },
      ],
      rows: [
        ["Terdaftar di badan usaha ini", w.here],
        ["Terdaftar di badan usaha lain", w.elsewhere],
        ["Terdaftar di segmen lain", w.otherSegment],
        ["Belum terdaftar", w.unregistered],
        ["Jumlah", w.listed],
      ],
      unavailable: null,
    });
  }
  const f = figures.followUp;
  sections.push(
    {
      id: "prospek",
      title: "Prospek menurut status",
      note: "Badan usaha yang belum, belum aktif atau baru sebagian terdaftar di JKN: prospek perluasan kepesertaan.",
      columns: [
        { header: "Status", type: "text" },
        { header: "Prospek", type: "count" },
      ],
      rows: figures.leads.map((l) => [BUSINESS_STATUS_LABELS[l.status], l.businesses]),
      unavailable: null,
      chart: { label: 0, value: 1 },
    },
    {
      id: "tindak-lanjut",
      title: "Hasil tindak lanjut",
      note: `Tindak lanjut prospek ini sepanjang ${figures.year}: badan usaha yang dihubungi, dikunjungi, dan yang terdaftar.`,
      columns: [
        { header: "Hasil", type: "text" },
        { header: "Jumlah", type: "count" },
      ],
      rows: [
        ["Dihubungi (telepon, kunjungan, surat, surel)", f.contacted],
        ["Dikunjungi", f.visited],
        ["Terdaftar lewat tindak lanjut petugas", f.registeredByFollowUp],
        ["Terdaftar menurut impor data BPJS", f.registeredByImport],
        [`Pekerja terdaftar di badan usaha tersebut (diketahui untuk ${formatCount(f.workersKnownFor)} badan usaha)`, f.workersRegistered],
      ],
      unavailable: null,
    },
    {
      id: "cakupan",
      title: "Perubahan cakupan",
      note: "Badan usaha dari semua sumber dan yang terdaftar aktif di JKN, pada setiap periode data tahun ini.",
      columns: [
        { header: "Periode", type: "text" },
        { header: "Badan usaha", type: "count" },
        { header: "Terdaftar aktif", type: "count" },
        { header: "Cakupan", type: "percent" },
      ],
      rows: (figures.coverage ?? []).map((p) => [p.period, p.businesses, p.registeredActive, p.rate]),
      unavailable: figures.coverage === null ? "Tren cakupan dihitung per provinsi: tidak tersedia untuk wilayah di bawah provinsi." : null,
      chart: { label: 0, value: 3 },
    },
    {
      id: "balikan",
      title: "Pengiriman data balikan",
      note: "Berkas data balikan yang dibuat untuk periode tahun ini, dibandingkan dengan tenggatnya.",
      columns: [
        { header: "Periode", type: "text" },
        { header: "Dibuat", type: "text" },
        { header: "Tenggat", type: "text" },
        { header: "Ketepatan", type: "text" },
        { header: "Baris", type: "count" },
      ],
      rows: (figures.balikan ?? []).map((b) => [b.period, formatWibDate(b.deliveredAt), formatDay(b.dueDate), b.onTime ? "Tepat waktu" : "Terlambat", b.rows]),
      unavailable: figures.balikan === null ? NATIONAL_ONLY : null,
    },
    {
      id: "web-service",
      title: "Penggunaan web service",
      note: `Panggilan web service oleh ${MONEV_PARTNER_LABELS[figures.partner]} sepanjang ${figures.year} dan rekaman yang dikirim lewat web service.`,
      columns: [
        { header: "Ukuran", type: "text" },
        { header: "Jumlah", type: "count" },
      ],
      rows: figures.webService
        ? [
            ["Panggilan", figures.webService.calls],
            ["Panggilan ditolak", figures.webService.refusedCalls],
            ["Kiriman diimpor", figures.webService.batches],
            ["Rekaman diterima", figures.webService.records],
            ["Rekaman ditolak", figures.webService.rejected],
          ]
        : [],
      unavailable: figures.webService === null ? NATIONAL_ONLY : null,
    },
  );
  return sections;
}

/** A cell as people read it: id-ID numbers and percentages, "—" for a missing figure. */
export function formatMonevCell(value: MonevCell, column: MonevColumn): string {
  if (value === null) return "—";
  if (typeof value === "string") return value;
  return column.type === "percent" ? formatPercent(value) : formatCount(value);
}

/** The report's title lines: the partner's report, its year and periods. */
export function monevTitle(figures: Pick<MonevFigures, "partner" | "year">): string {
  return `Laporan Monitoring dan Evaluasi ${MONEV_PARTNER_LABELS[figures.partner]} Tahun ${figures.year}`;
}

export interface MonevBar {
  label: string;
  /** Null: the figure is missing (a gap, drawn as no bar), never a zero. */
  value: number | null;
  /** The value as printed beside the bar. */
  text: string;
  /** Bar length as a share of the longest bar, 0–1. */
  share: number;
}

/** A section's bar chart, or null when it has none or nothing to draw. */
export function monevChartBars(section: MonevSection): MonevBar[] | null {
  if (!section.chart || section.rows.length === 0) return null;
  const { label, value } = section.chart;
  const column = section.columns[value]!;
  const values = section.rows.map((row) => (typeof row[value] === "number" ? (row[value] as number) : null));
  // A share is drawn against the whole (100 %), a count against the largest count.
  const scale = column.type === "percent" ? 1 : Math.max(0, ...values.map((v) => v ?? 0));
  return section.rows.map((row, index) => {
    const v = values[index]!;
    return { label: String(row[label] ?? ""), value: v, text: formatMonevCell(v, column), share: v === null || scale === 0 ? 0 : Math.min(1, Math.max(0, v / scale)) };
  });
}

/** A section as the dashboard's table (the page shows both alike): shares as percentages of 100. */
export function monevChartTable(section: MonevSection): ChartTable {
  return {
    headers: section.columns.map((c) => c.header),
    kinds: section.columns.map((c) => c.type),
    rows: section.rows.map((cells, i) => ({
      key: String(i),
      cells: cells.map((cell, c) => (section.columns[c]!.type === "percent" && typeof cell === "number" ? sharePercent(cell) : cell)),
    })),
  };
}
