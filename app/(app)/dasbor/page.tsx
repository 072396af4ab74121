import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available.tsx";
import { requirePermission } from "@/server/access/guard.ts";

export const metadata: Metadata = { title: "Dasbor Cakupan" };

export default async function DashboardPage() {
  await requirePermission("dashboard.read");
  return (
    <NotYetAvailable
      title="Dasbor Cakupan"
      purpose="Grafik badan usaha dan pekerja terdaftar dibanding potensi, per provinsi hingga kecamatan, per skala usaha, sektor KBLI, sumber data, dan periode impor."
    />
  );
}
