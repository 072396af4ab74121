"use client";

import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button.tsx";

/** A lead list that failed to load: say so, offer a retry and a way back to the plain list. */
export default function LeadsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-900">
      <h1 className="text-base font-semibold">Daftar prospek tidak dapat dimuat</h1>
      <p className="mt-2">
        Terjadi kesalahan di server. Coba lagi sebentar lagi; jika terus terjadi, sampaikan kode ini kepada admin:{" "}
        <code className="font-mono">{error.digest ?? "-"}</code>.
      </p>
      <div className="mt-4 flex gap-2">
        <Button onClick={reset}>Coba lagi</Button>
        <Link href="/prospek" className={buttonClass("secondary")}>
          Buka tanpa filter
        </Link>
      </div>
    </section>
  );
}
