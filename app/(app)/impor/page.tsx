import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available.tsx";
import { requirePermission } from "@/server/access/guard.ts";

export const metadata: Metadata = { title: "Impor Data" };

export default async function ImportsPage() {
  await requirePermission("imports.manage");
  return (
    <NotYetAvailable
      title="Impor Data"
      purpose="Unggah berkas mitra (Kemnaker WLKP, AHU, registri BPJS), tarik dari SFTP, pantau kemajuan, dan unduh laporan baris yang ditolak."
    />
  );
}
