import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available.tsx";
import { requirePermission } from "@/server/access/guard.ts";

export const metadata: Metadata = { title: "Detail Prospek" };

export default async function LeadDetailPage() {
  await requirePermission("leads.read");
  return (
    <NotYetAvailable
      title="Detail Prospek"
      purpose="Identitas badan usaha, data dari setiap sumber beserta bukti pencocokan, pengurus, kontak, status kepesertaan, dan riwayat tindak lanjut."
    />
  );
}
