"use client";

import { Button } from "@/components/ui/button.tsx";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">Terjadi kesalahan</h1>
      <p className="text-sm text-slate-600">
        Permintaan Anda tidak dapat diselesaikan. Coba lagi; bila masih gagal, sampaikan kode ini kepada admin:{" "}
        <code className="rounded bg-slate-100 px-1">{error.digest ?? "-"}</code>
      </p>
      <Button onClick={reset}>Coba lagi</Button>
    </main>
  );
}
