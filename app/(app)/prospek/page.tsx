import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available.tsx";
import { requirePermission } from "@/server/access/guard.ts";

export const metadata: Metadata = { title: "Prospek" };

export default async function LeadsPage() {
  await requirePermission("leads.read");
  return (
    <NotYetAvailable
      title="Prospek"
      purpose="Daftar badan usaha di wilayah Anda yang belum terdaftar JKN, nonaktif, atau baru mendaftarkan sebagian pekerjanya — dengan filter wilayah, skala usaha, dan skor prioritas."
    />
  );
}
