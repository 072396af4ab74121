import type { Metadata } from "next";
import Link from "next/link";
import { DisableSecondFactorButton } from "@/components/auth/disable-second-factor-button.tsx";
import { ReauthButton } from "@/components/auth/reauth-button.tsx";
import { TotpEnrolmentForm } from "@/components/auth/totp-enrolment-form.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { formatWib } from "@/lib/format.ts";
import { pendingAccountStep, requirePermission } from "@/server/access/guard.ts";
import { countUnusedRecoveryCodes } from "@/server/auth/count-unused-recovery-codes.ts";
import { prepareTotpEnrolment } from "@/server/auth/prepare-totp-enrolment.ts";
import { confirmTotpEnrolmentAction, disableOwnSecondFactorAction, reauthenticateAction } from "../actions.ts";

export const metadata: Metadata = { title: "Keamanan akun" };

export default async function AccountSecurityPage() {
  const { actor } = await requirePermission("account.self", { allowPendingStep: true });
  const enrolment = actor.secondFactorEnabled ? null : await prepareTotpEnrolment(actor.userId);
  const required = actor.role === "ADMIN";

  return (
    <>
      <PageHeader
        title="Keamanan akun"
        description="Verifikasi dua langkah dengan aplikasi autentikator (TOTP), kode pemulihan, dan kata sandi Anda."
      />
      <section aria-labelledby="autentikator" className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="autentikator" className="text-lg font-semibold text-slate-900">
          Aplikasi autentikator
        </h2>
        {enrolment ? (
          <>
            {required && (
              <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                Admin wajib memakai verifikasi dua langkah. Aktifkan autentikator sebelum melanjutkan.
              </p>
            )}
            <TotpEnrolmentForm
              action={confirmTotpEnrolmentAction}
              qrDataUrl={enrolment.qrDataUrl}
              secret={enrolment.secretForManualEntry}
              continueHref={pendingAccountStep({ ...actor, secondFactorEnabled: true }) ?? "/"}
            />
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700" data-testid="second-factor-status">
              Aktif. Saat masuk, setelah kata sandi Anda diminta kode 6 angka dari aplikasi autentikator (atau satu kode pemulihan).
            </p>
            <p className="text-sm text-slate-700">
              Kode pemulihan yang belum dipakai: <strong>{await countUnusedRecoveryCodes(actor.userId)}</strong> dari 10.
            </p>
            {required ? (
              <p className="text-sm text-slate-600">Kehilangan ponsel dan kode pemulihan? Minta admin lain mengatur ulang autentikator Anda di halaman Pengguna.</p>
            ) : (
              <DisableSecondFactorButton action={disableOwnSecondFactorAction} />
            )}
          </>
        )}
      </section>
      <section aria-labelledby="identitas" className="mt-6 max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="identitas" className="text-lg font-semibold text-slate-900">
          Konfirmasi identitas
        </h2>
        <p className="text-sm text-slate-700">
          Mengubah peran, membuat kunci API mitra, menyimpan kredensial SFTP, dan melihat atau memeriksa kata sandi berkas balikan
          memerlukan konfirmasi identitas dalam 5 menit terakhir.
          {actor.reauthenticatedAt && <> Terakhir dikonfirmasi: {formatWib(actor.reauthenticatedAt)}.</>}
        </p>
        <ReauthButton action={reauthenticateAction} />
      </section>
      <p className="mt-6 text-sm">
        <Link href="/akun/kata-sandi" className="font-medium text-brand-700 underline">
          Ganti kata sandi
        </Link>
      </p>
    </>
  );
}
