"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { MAX_PASSWORD_LENGTH } from "@/lib/password-policy.ts";
import { CODE_REQUIRED_ERROR } from "@/lib/second-factor.ts";

// The same words for an unknown user, a wrong password and a locked account: the form must
// not tell an attacker which user names exist.
const FAILED = "Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara. Setelah 5 kali gagal, akun dikunci 15 menit.";
const CODE_FAILED = "Kode salah, kedaluwarsa, atau sudah dipakai. Masukkan kode yang sedang tampil di aplikasi autentikator. Kode yang salah ikut dihitung untuk penguncian akun.";

export function SignInForm({
  callbackUrl,
  oidc,
}: {
  callbackUrl: string;
  oidc: { name: string } | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // After a correct password, for accounts with an authenticator: the password stays in memory
  // (never in the page) and is sent again with the code, so no half-signed-in session exists.
  const [credentials, setCredentials] = useState<{ username: string; password: string } | null>(null);

  async function submit(fields: { username: string; password: string; code?: string }) {
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { redirect: false, ...fields });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      if (result?.error === CODE_REQUIRED_ERROR) {
        setCredentials({ username: fields.username, password: fields.password });
      } else {
        setError(fields.code ? CODE_FAILED : FAILED);
      }
    } catch {
      setError("Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.");
    }
    setPending(false);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (credentials) {
      void submit({ ...credentials, code: String(form.get("code") ?? "") });
    } else {
      void submit({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? "") });
    }
  }

  const message = error && (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {error}
    </p>
  );

  if (credentials) {
    return (
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <p className="text-sm text-slate-700">
          Masukkan kode 6 angka dari aplikasi autentikator Anda, atau salah satu kode pemulihan (format <span className="font-mono">xxxxx-xxxxx</span>).
        </p>
        <Field id="code" label="Kode autentikator">
          <input
            {...fieldAria("code")}
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={20}
            required
            autoFocus
            className={`${inputClass} font-mono tracking-widest`}
          />
        </Field>
        {message}
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Memeriksa…" : "Verifikasi"}
        </Button>
        <Button
          variant="ghost"
          className="w-full"
          onClick={() => {
            setCredentials(null);
            setError(null);
          }}
        >
          Kembali
        </Button>
      </form>
    );
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="username" label="Nama pengguna">
          <input
            {...fieldAria("username")}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            className={inputClass}
          />
        </Field>
        <Field id="password" label="Kata sandi">
          <input
            {...fieldAria("password")}
            name="password"
            type="password"
            autoComplete="current-password"
            maxLength={MAX_PASSWORD_LENGTH}
            required
            className={inputClass}
          />
        </Field>
        {message}
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? "Memeriksa…" : "Masuk"}
        </Button>
      </form>
      {oidc && (
        <Button variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
          Masuk dengan {oidc.name}
        </Button>
      )}
    </div>
  );
}
