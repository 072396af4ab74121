import type { Metadata } from "next";
import localFont from "next/font/local";
import "./globals.css";

// Served from our own build (npm @fontsource-variable/inter): no external font host.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Jangkau", template: "%s · Jangkau" },
  description: "Perluasan kepesertaan JKN: badan usaha yang belum terdaftar dari data mitra.",
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="id" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
