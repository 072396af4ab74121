import { reauthenticateAction } from "@/app/akun/actions.ts";
import { ReauthButton } from "@/components/auth/reauth-button.tsx";
import type { Metadata } from "next";
import { BalikanDeliveriesTable, BalikanPeriodsTable } from "@/components/balikan/balikan-tables.tsx";
import { BalikanTargetForm } from "@/components/balikan/balikan-target-form.tsx";
import { GenerateBalikanForm } from "@/components/balikan/generate-balikan-form.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { BALIKAN_PARTNER_LABELS } from "@/lib/balikan.ts";
import { formatWib } from "@/lib/format.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { listBalikanOverview, type BalikanPartnerOverview } from "@/server/balikan/list-balikan-overview.ts";
import { checkBalikanPasswordAction, generateBalikanAction, pushBalikanAction, setBalikanTargetAction } from "./actions.ts";

export const metadata: Metadata = { title: "Data Balikan" };

const AGREEMENT: Record<BalikanPartnerOverview["partner"], string> = {
  ahu: "PKS BPJS Kesehatan–Ditjen AHU 2023, Pasal 4 ayat (2): entitas (Nama Entitas, NPWP, Status) dan notaris (NIK, NPWP, Status, Segmen Kepesertaan).",
  kemnaker:
    "PKS Kemnaker–BPJS Kesehatan 2025, Lampiran II: struktur data badan usaha (II.1, 22 elemen, termasuk Status Terdaftar JKN dan Status Keaktifan Badan Usaha) dan struktur data pekerja (II.2: NIK, Nomor Paspor, NIORA, KITAS, Segmentasi Kepesertaan JKN, Status Terdaftar JKN, Status Aktif, Tahun Kepesertaan JKN).",
};

export default async function FeedbackDataPage() {
  await requirePermission("balikan.manage");
  const overview = await listBalikanOverview();
  return (
    <>
      <PageHeader
        title="Data Balikan"
        description="Berkas yang dikembalikan BPJS Kesehatan kepada mitra sesuai perjanjian, per periode (dua kali setahun): CSV UTF-8 tanpa kompresi di dalam ZIP terenkripsi AES-256. Kata sandi ditampilkan sekali saat berkas dibuat. Setiap pembuatan, unduhan, dan pengiriman tercatat di jejak audit. Membuat berkas dan memeriksa kata sandinya memerlukan konfirmasi identitas dalam 5 menit terakhir."
        actions={<ReauthButton action={reauthenticateAction} />}
      />
      <div className="space-y-10">
        {overview.map((partner) => (
          <PartnerSection key={partner.partner} partner={partner} />
        ))}
      </div>
    </>
  );
}

function PartnerSection({ partner }: { partner: BalikanPartnerOverview }) {
  const label = BALIKAN_PARTNER_LABELS[partner.partner];
  const headingId = `mitra-${partner.partner}`;
  const targetLabel = partner.target ? `${partner.target.endpointName ?? "(sumber SFTP terhapus)"}: ${partner.target.remoteDir}` : null;
  return (
    <section aria-labelledby={headingId} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
      <div>
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {label}
        </h2>
        <p className="text-sm text-slate-600">{AGREEMENT[partner.partner]}</p>
      </div>

      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900">Periode dan jadwal</h3>
        <p className="text-xs text-slate-600">
          Berkas balikan memuat satu baris untuk setiap baris yang diterima dari mitra pada periode itu, sehingga jumlahnya dapat dicocokkan dengan
          batch. Jatuh tempo: akhir semester berikutnya.
        </p>
        {!partner.periods.some((p) => p.received) && (
          <EmptyState title={`Belum ada data dari ${label}`}>
            <p>Data balikan dibuat untuk periode yang datanya sudah diterima (Impor Data).</p>
          </EmptyState>
        )}
        <BalikanPeriodsTable periods={partner.periods} partnerLabel={label} />
        <GenerateBalikanForm
          partner={partner.partner}
          periods={partner.periods.filter((p) => p.received).map((p) => p.period)}
          generateAction={generateBalikanAction}
        />
      </div>

      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900">Riwayat berkas</h3>
        {partner.deliveries.length === 0 ? (
          <EmptyState title="Belum ada berkas balikan">
            <p>Berkas yang dibuat tampil di sini, lengkap dengan jumlah baris, SHA-256, unduhan, dan pengiriman SFTP.</p>
          </EmptyState>
        ) : (
          <BalikanDeliveriesTable
            partner={partner.partner}
            partnerLabel={label}
            deliveries={partner.deliveries}
            targetLabel={targetLabel}
            pushAction={pushBalikanAction}
            checkAction={checkBalikanPasswordAction}
          />
        )}
      </div>

      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-900">Tujuan SFTP</h3>
        {partner.target && (
          <p className="text-xs text-slate-600">
            Saat ini: {targetLabel} (diatur {partner.target.updatedByUsername}, {formatWib(partner.target.updatedAt)}).
          </p>
        )}
        <BalikanTargetForm partner={partner.partner} endpoints={partner.endpoints} current={partner.target} setTargetAction={setBalikanTargetAction} />
      </div>
    </section>
  );
}

