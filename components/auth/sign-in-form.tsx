"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";

// The same words for an unknown user, a wrong password and a locked account: the form must
// not tell an attacker which user names exist.
const FAILED = "Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara. Setelah 5 kali gagal, akun dikunci 15 menit.";

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

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        username: String(form.get("username") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(FAILED);
    } catch {
      setError("Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.");
    }
    setPending(false);
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
          <input {...fieldAria("password")} name="password" type="password" autoComplete="current-password" required className={inputClass} />
        </Field>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
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
