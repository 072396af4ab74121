import "server-only";
import type { BusinessStatus } from "@/server/db/generated/enums.ts";
import { semestersBetween, type PriorityInput } from "./priority.ts";

/**
 * The Skor Prioritas of server/matching/priority.ts taken apart, for the lead page's "why this
 * score": the same formula, each part with its points, its ceiling and what it was computed from.
 * The parts add up to `priorityScore` once rounded (tests/unit/matching/priority-breakdown.test.ts
 * holds the two together).
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

const WORKERS_BY_SCALE: Record<string, number> = { MIKRO: 3, KECIL: 10, MENENGAH: 50, BESAR: 150 };
const SCALE_POINTS: Record<string, number> = { BESAR: 15, MENENGAH: 10, KECIL: 5, MIKRO: 2 };
const STATUS_POINTS: Record<BusinessStatus, number> = { BELUM_TERDAFTAR: 15, DAFTAR_SEBAGIAN: 12, TERDAFTAR_NONAKTIF: 10, TERDAFTAR_AKTIF: 0 };

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
