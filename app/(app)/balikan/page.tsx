import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available.tsx";
import { requirePermission } from "@/server/access/guard.ts";

export const metadata: Metadata = { title: "Data Balikan" };

export default async function FeedbackDataPage() {
  await requirePermission("balikan.manage");
  return (
    <NotYetAvailable
      title="Data Balikan"
      purpose="Berkas data balikan untuk AHU dan Kemnaker per periode, terenkripsi dengan kata sandi, beserta riwayat pengiriman dan jadwal berikutnya."
    />
  );
}
