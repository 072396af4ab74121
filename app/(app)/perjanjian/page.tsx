import type { Metadata } from "next";
import { AgreementContactsTable, AgreementsTable, type AgreementRow } from "@/components/agreements/agreements-table.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { agreementStatus } from "@/lib/agreements.ts";
import { todayWib } from "@/lib/leads/follow-up.ts";
import { PARTNER_LABELS } from "@/lib/partner-api.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { listPartnerAgreements } from "@/server/agreements/list-partner-agreements.ts";
import { updateAgreementAction } from "./actions.ts";

export const metadata: Metadata = { title: "Perjanjian Kerja Sama" };

export default async function AgreementsPage() {
  await requirePermission("agreements.manage");
  const agreements = await listPartnerAgreements();
  const today = todayWib();
  const rows: AgreementRow[] = agreements.map((agreement) => ({
    ...agreement,
    partnerLabel: PARTNER_LABELS[agreement.partner],
    status: agreementStatus(agreement, today),
  }));

  return (
    <>
      <PageHeader
        title="Perjanjian Kerja Sama"
        description="Perjanjian kerja sama (PKS) pertukaran data dengan mitra, sesuai salinan yang ditandatangani. Kunci API mitra berlaku sampai perjanjiannya berakhir; admin menerima pengingat di Pemberitahuan saat perpanjangan perlu dibahas. Setiap perubahan tercatat di jejak audit."
      />
      {rows.length === 0 ? (
        <EmptyState title="Belum ada perjanjian kerja sama">
          <p>Perjanjian dimuat oleh migrasi database. Jalankan migrasi (npm run db:migrate) lalu muat ulang halaman ini.</p>
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <AgreementsTable agreements={rows} updateAction={updateAgreementAction} />
          <section aria-labelledby="kontak-perjanjian">
            <h2 id="kontak-perjanjian" className="mb-3 text-base font-semibold text-slate-900">
              Alamat korespondensi
            </h2>
            <AgreementContactsTable agreements={rows} />
          </section>
        </div>
      )}
    </>
  );
}
