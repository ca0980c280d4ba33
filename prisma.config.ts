// Used by the Prisma CLI (`prisma generate`, and the stock `migrate` commands for operators with internet).
// The bot itself migrates through src/db/migrate.ts with Prisma's WebAssembly schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/jedikim.db" },
});
