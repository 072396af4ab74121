"use client";

import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button.tsx";

/** The region switches failed to load: say so, offer a retry and the way back to Pengguna. */
export default function LeadTakeRegionsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-900">
      <h1 className="text-base font-semibold">Pengaturan pengambilan prospek tidak dapat dimuat</h1>
      <p className="mt-2">
        Terjadi kesalahan di server. Coba lagi sebentar lagi; jika terus terjadi, catat kode ini: <code className="font-mono">{error.digest ?? "-"}</code>.
      </p>
      <div className="mt-4 flex gap-2">
        <Button onClick={reset}>Coba lagi</Button>
        <Link href="/pengguna" className={buttonClass("secondary")}>
          Kembali ke Pengguna
        </Link>
      </div>
    </section>
  );
}
