"use client";

import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { FormMessage } from "@/components/ui/modal-dialog.tsx";
import { useActionForm, type FormAction } from "@/components/ui/use-action-form.ts";

/**
 * Enrolment: scan the QR code (or type the secret), then prove it with a code. On success the ten
 * recovery codes are shown — this once; the server keeps only their hashes.
 */
export function TotpEnrolmentForm({
  action,
  qrDataUrl,
  secret,
  continueHref,
}: {
  action: FormAction<{ recoveryCodes: string[] }>;
  qrDataUrl: string;
  secret: string;
  continueHref: string;
}) {
  const { state, pending, onSubmit, formMessage, fieldError } = useActionForm(action);
  const codes = state.status === "success" ? state.result?.recoveryCodes : undefined;

  if (codes) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
          Autentikator aktif. Simpan 10 kode pemulihan ini di tempat aman (dicetak atau di pengelola kata sandi): masing-masing dapat
          dipakai sekali untuk masuk bila ponsel Anda hilang. Kode ini tidak akan ditampilkan lagi.
        </p>
        <ol aria-label="Kode pemulihan" className="grid grid-cols-2 gap-2 font-mono text-sm">
          {codes.map((code) => (
            <li key={code} className="rounded border border-slate-200 bg-slate-50 px-3 py-1.5">
              {code}
            </li>
          ))}
        </ol>
        <Link href={continueHref} className={buttonClass("primary")}>
          Saya sudah menyimpan kode pemulihan
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Buka aplikasi autentikator (mis. Google Authenticator, Microsoft Authenticator, FreeOTP) di ponsel Anda.</li>
        <li>Pindai kode QR ini, atau masukkan kunci rahasia di bawahnya secara manual.</li>
        <li>Masukkan kode 6 angka yang muncul di aplikasi.</li>
      </ol>
      {/* eslint-disable-next-line @next/next/no-img-element -- an inline data: URL, nothing for next/image to optimise */}
      <img src={qrDataUrl} alt="Kode QR untuk aplikasi autentikator" width={200} height={200} className="rounded border border-slate-200" />
      <div>
        <p className="text-sm font-medium text-slate-700">Kunci rahasia (untuk dimasukkan manual)</p>
        <p className="font-mono text-sm tracking-wider text-slate-900" data-testid="totp-secret">
          {secret}
        </p>
      </div>
      <Field id="code" label="Kode dari aplikasi" error={fieldError("code")}>
        <input
          {...fieldAria("code", fieldError("code"))}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          className={`${inputClass} max-w-40 font-mono tracking-widest`}
        />
      </Field>
      <FormMessage status={state.status} message={formMessage} />
      <Button type="submit" disabled={pending}>
        {pending ? "Memeriksa…" : "Aktifkan autentikator"}
      </Button>
    </form>
  );
}
