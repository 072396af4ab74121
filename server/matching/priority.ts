import "server-only";
import type { BusinessStatus } from "@/server/db/generated/enums.ts";

/**
 * Skor Prioritas, 0–100: where an officer's visit most likely adds the most JKN coverage.
 *
 *   workers        up to 40  40 × log10(1 + w) / log10(1001), capped: w = the worker gap for Daftar
 *                            sebagian, else the workers Kemnaker reports (by scale when unknown:
 *                            Mikro 3, Kecil 10, Menengah 50, Besar 150)
 *   scale          up to 15  Besar 15, Menengah 10, Kecil 5, Mikro 2
 *   status         up to 15  Belum terdaftar 15, Daftar sebagian 12, Terdaftar nonaktif 10
 *   contactability up to 15  telephone 7, email 5, address 3
 *   freshness      up to 15  15 when its newest record is of the newest period, 5 less per
 *                            semester older
 *
 * Registered, active businesses are not leads and score 0. Documented in docs/matching.md.
 */

export interface PriorityInput {
  status: BusinessStatus;
  workerCount: number | null;
  workerGap: number | null;
  businessScale: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  latestPeriod: string;
}

const WORKERS_BY_SCALE: Record<string, number> = { MIKRO: 3, KECIL: 10, MENENGAH: 50, BESAR: 150 };
const SCALE_POINTS: Record<string, number> = { BESAR: 15, MENENGAH: 10, KECIL: 5, MIKRO: 2 };
const STATUS_POINTS: Record<BusinessStatus, number> = { BELUM_TERDAFTAR: 15, DAFTAR_SEBAGIAN: 12, TERDAFTAR_NONAKTIF: 10, TERDAFTAR_AKTIF: 0 };

export function priorityScore(b: PriorityInput, newestPeriod: string): number {
  return priorityBreakdown(b, newestPeriod).total;
}

/**
 * The score taken apart, for the lead page's "why this score": each part with its points, its
 * ceiling and what it was computed from. `priorityScore` is its rounded total.
 */
export interface PriorityPart {
  key: "workers" | "scale" | "status" | "contact" | "freshness";
  label: string;
  points: number;
  max: number;
  basis: string;
}

export interface PriorityBreakdown {
  total: number;
  parts: PriorityPart[];
}


export function priorityBreakdown(b: PriorityInput, newestPeriod: string): PriorityBreakdown {
  if (b.status === "TERDAFTAR_AKTIF") {
    return { total: 0, parts: [{ key: "status", label: "Status kepesertaan", points: 0, max: 15, basis: "terdaftar aktif: bukan prospek" }] };
  }
  const scale = b.businessScale?.toUpperCase() ?? "";
  let workers: number;
  let workerBasis: string;
  if (b.status === "DAFTAR_SEBAGIAN") {
    workers = b.workerGap ?? 0;
    workerBasis = `selisih ${workers} pekerja belum terdaftar`;
  } else if (b.workerCount !== null) {
    workers = b.workerCount;
    workerBasis = `${workers} pekerja menurut Kemnaker`;
  } else {
    workers = WORKERS_BY_SCALE[scale] ?? 0;
    workerBasis = scale in WORKERS_BY_SCALE ? `jumlah pekerja tidak diketahui: ${workers} menurut skala usaha` : "jumlah pekerja tidak diketahui";
  }
  const workerPoints = Math.min(40, (40 * Math.log10(1 + workers)) / Math.log10(1001));
  const contactParts = [b.phone && "telepon (7)", b.email && "email (5)", b.address && "alamat (3)"].filter(Boolean);
  const semesters = semestersBetween(b.latestPeriod, newestPeriod);
  const parts: PriorityPart[] = [
    { key: "workers", label: "Pekerja", points: workerPoints, max: 40, basis: workerBasis },
    { key: "scale", label: "Skala usaha", points: SCALE_POINTS[scale] ?? 0, max: 15, basis: scale ? scale.toLowerCase() : "tidak diketahui" },
    { key: "status", label: "Status kepesertaan", points: STATUS_POINTS[b.status], max: 15, basis: b.status.toLowerCase().replaceAll("_", " ") },
    {
      key: "contact",
      label: "Dapat dihubungi",
      points: (b.phone ? 7 : 0) + (b.email ? 5 : 0) + (b.address ? 3 : 0),
      max: 15,
      basis: contactParts.length ? contactParts.join(", ") : "tanpa telepon, email, dan alamat",
    },
    {
      key: "freshness",
      label: "Kebaruan data",
      points: Math.max(0, 15 - 5 * semesters),
      max: 15,
      basis: semesters === 0 ? `periode terbaru (${b.latestPeriod})` : `${b.latestPeriod}, ${semesters} semester sebelum ${newestPeriod}`,
    },
  ];
  return { total: Math.round(parts.reduce((sum, p) => sum + p.points, 0)), parts };
}

/** Semesters from `from` to `to` ("2025-S1" → "2025-S2" = 1); 0 when unreadable or not later. */
export function semestersBetween(from: string, to: string): number {
  const index = (p: string) => {
    const m = /^(\d{4})-S([12])$/.exec(p);
    return m ? Number(m[1]) * 2 + Number(m[2]) - 1 : null;
  };
  const a = index(from);
  const b = index(to);
  return a === null || b === null ? 0 : Math.max(0, b - a);
}
