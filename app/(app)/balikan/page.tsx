import { reauthenticateAction } from "@/app/akun/actions.ts";
import { ReauthButton } from "@/components/auth/reauth-button.tsx";
import type { Metadata } from "next";
import { formatCount, formatWib } from "@/components/audit/format-time.ts";
import { BalikanTargetForm } from "@/components/balikan/balikan-target-form.tsx";
import { CheckPasswordButton } from "@/components/balikan/check-password-button.tsx";
import { GenerateBalikanForm } from "@/components/balikan/generate-balikan-form.tsx";
import { PushBalikanButton } from "@/components/balikan/push-balikan-button.tsx";
import { CopyButton } from "@/components/imports/copy-button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { BALIKAN_ENTRIES, BALIKAN_PARTNER_LABELS } from "@/lib/balikan.ts";
import { SOURCE_LABELS, type SourceId } from "@/lib/sources.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { listBalikanOverview, type BalikanPartnerOverview } from "@/server/balikan/list-balikan-overview.ts";
import { checkBalikanPasswordAction, generateBalikanAction, pushBalikanAction, setBalikanTargetAction } from "./actions.ts";

export const metadata: Metadata = { title: "Data Balikan" };

const WIB_DATE = new Intl.DateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", day: "numeric", month: "long", year: "numeric" });

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
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Periode data {label}, jatuh tempo dan status pengiriman</caption>
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4">Periode</th>
                <th scope="col" className="py-2 pr-4">Data diterima</th>
                <th scope="col" className="py-2 pr-4">Jatuh tempo</th>
                <th scope="col" className="py-2 pr-4">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {partner.periods.map((period) => (
                <tr key={period.period}>
                  <td className="py-2 pr-4 font-medium">{period.period}</td>
                  <td className="py-2 pr-4">
                    {!period.received
                      ? "Belum ada data"
                      : period.sources.map((s) => (
                          <div key={s.source}>
                            {SOURCE_LABELS[s.source as SourceId] ?? s.source}: {formatCount(s.accepted)} baris diterima dari {formatCount(s.batches)} batch
                            <span className="text-xs text-slate-500">
                              {" "}
                              ({formatCount(s.dataRows)} baris data = {formatCount(s.accepted)} diterima + {formatCount(s.rejected)} ditolak +{" "}
                              {formatCount(s.duplicates)} duplikat)
                            </span>
                          </div>
                        ))}
                  </td>
                  <td className="py-2 pr-4">{WIB_DATE.format(new Date(period.dueDate))}</td>
                  <td className="py-2 pr-4">
                    {!period.received ? (
                      <span className="text-slate-600">Periode berjalan: menunggu data dari mitra</span>
                    ) : period.deliveredAt ? (
                      <span className="text-emerald-700">Sudah dibuat {formatWib(period.deliveredAt)}</span>
                    ) : period.overdue ? (
                      <span className="font-medium text-red-700">Terlambat: belum dibuat</span>
                    ) : (
                      <span className="text-amber-700">Belum dibuat</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Riwayat berkas data balikan {label}</caption>
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4">Dibuat</th>
                  <th scope="col" className="py-2 pr-4">Periode</th>
                  <th scope="col" className="py-2 pr-4">Baris</th>
                  <th scope="col" className="py-2 pr-4">SHA-256</th>
                  <th scope="col" className="py-2 pr-4">Pengiriman SFTP</th>
                  <th scope="col" className="py-2 pr-4">Aksi</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {partner.deliveries.map((delivery) => (
                  <tr key={delivery.id}>
                    <td className="py-2 pr-4">
                      <div>{formatWib(delivery.createdAt)}</div>
                      <div className="text-xs text-slate-500">oleh {delivery.createdByUsername}</div>
                    </td>
                    <td className="py-2 pr-4 font-medium">{delivery.period}</td>
                    <td className="py-2 pr-4">
                      <div className="font-medium">{formatCount(delivery.rows)}</div>
                      {delivery.entries.map((entry) => (
                        <div key={entry.name} className="text-xs text-slate-600">
                          {BALIKAN_ENTRIES[partner.partner].find((e) => e.key === entry.key)?.label ?? entry.name}: {formatCount(entry.rows)} / batch {formatCount(entry.batchAccepted)}
                          {entry.rows === entry.batchAccepted ? " ✓" : " ✗"}
                        </div>
                      ))}
                    </td>
                    <td className="py-2 pr-4">
                      <span className="font-mono text-xs" title={delivery.sha256}>
                        {delivery.sha256.slice(0, 16)}…
                      </span>
                      <CopyButton value={delivery.sha256} label={`Salin SHA-256 ${delivery.fileName}`} />
                    </td>
                    <td className="py-2 pr-4 text-xs">
                      {delivery.pushes.length === 0
                        ? "Belum dikirim"
                        : delivery.pushes.map((push) => (
                            <div key={push.id} className={push.success ? "text-emerald-700" : "text-red-700"}>
                              {push.success ? "Terkirim" : "Gagal"} {formatWib(push.createdAt)} ke {push.endpointName} oleh {push.actorUsername}
                              {push.message && <div className="text-slate-600">{push.message}</div>}
                            </div>
                          ))}
                    </td>
                    <td className="space-y-2 py-2 pr-4">
                      <a className="text-sm font-medium text-brand-700 underline" href={`/balikan/unduh/${delivery.id}`} download>
                        Unduh ZIP<span className="sr-only"> {delivery.fileName}</span>
                      </a>
                      <PushBalikanButton deliveryId={delivery.id} fileName={delivery.fileName} targetLabel={targetLabel} pushAction={pushBalikanAction} />
                      <CheckPasswordButton deliveryId={delivery.id} fileName={delivery.fileName} checkAction={checkBalikanPasswordAction} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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

