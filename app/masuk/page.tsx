import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form.tsx";
import { getActor } from "@/server/access/guard.ts";
import { oidcDisplayName, oidcEnabled } from "@/server/auth/oidc.ts";

export const metadata: Metadata = { title: "Masuk" };
export const dynamic = "force-dynamic";

/** Only same-site paths may be returned to after sign-in. */
function safeCallback(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/masuk") ? path : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);

  const notice = params.keluar
    ? "Anda telah keluar."
    : params.error === "oidc"
      ? "Akun SSO Anda belum terdaftar atau tidak aktif di Jangkau. Hubungi admin."
      : params.error
        ? "Sesi Anda berakhir atau masuk gagal. Silakan masuk kembali."
        : null;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <h1 className="text-center text-3xl font-semibold tracking-tight text-brand-700">Jangkau</h1>
        <p className="mt-2 text-center text-sm text-slate-600">Perluasan kepesertaan JKN — BPJS Kesehatan</p>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="mb-4 text-lg font-semibold text-slate-900">Masuk</h2>
          {notice && (
            <p role="status" className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
              {notice}
            </p>
          )}
          <SignInForm
            callbackUrl={callbackUrl}
            oidc={oidcEnabled() ? { name: oidcDisplayName() } : null}
          />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          Akses tercatat. Data mitra bersifat rahasia dan hanya untuk perluasan kepesertaan JKN (UU 27/2022).
        </p>
      </div>
    </main>
  );
}
