import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available.tsx";
import { requirePermission } from "@/server/access/guard.ts";

export const metadata: Metadata = { title: "Tindak Lanjut" };

export default async function FollowUpPage() {
  await requirePermission("followup.read");
  return (
    <NotYetAvailable
      title="Tindak Lanjut"
      purpose="Prospek yang ditugaskan kepada Anda beserta tenggatnya; pencatatan telepon, kunjungan, surat, dan email; penugasan oleh supervisor."
    />
  );
}
