import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="text-sm font-semibold text-red-700">403 · Akses ditolak</p>
      <h1 className="text-2xl font-semibold text-slate-900">Anda tidak berhak membuka halaman ini</h1>
      <p className="text-sm text-slate-600">
        Peran Anda tidak mencakup halaman ini. Percobaan akses ini tercatat di jejak audit. Hubungi admin bila Anda
        memerlukan akses.
      </p>
      <Link href="/" className={buttonClass("primary")}>
        Kembali ke beranda
      </Link>
    </main>
  );
}
