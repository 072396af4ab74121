import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file: migrations are applied by our own runner
// (server/db/migrate.ts) because the Prisma CLI's schema engine is a download we cannot make.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
