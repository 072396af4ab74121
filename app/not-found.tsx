import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">Halaman tidak ditemukan</h1>
      <p className="text-sm text-slate-600">Alamat yang Anda buka tidak ada atau tidak tersedia untuk Anda.</p>
      <Link href="/" className={buttonClass("primary")}>
        Kembali ke beranda
      </Link>
    </main>
  );
}
