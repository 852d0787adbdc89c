import { defineConfig } from "prisma/config";

// The CLI only runs `prisma generate` here; migrations are applied by scripts/migrate.ts through
// Prisma's own schema engine (WebAssembly), so no URL is needed at generate time.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/vigie" },
});
