// One data model: the PostgreSQL schema and migrations are derived from prisma/schema.prisma and
// this test fails when they drift apart (run `npm run db:schema:pg -- <name>` to bring them back).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pendingSchemaChange } from "../../src/db/migrate.js";
import { postgresSchemaDrift } from "../../src/db/postgres-schema.js";
import { postgresSchemaFrom, providerOf, SCHEMA_TARGETS } from "../../src/db/schema-variants.js";
import { TEST_POSTGRES_SERVER } from "../support/temp-db.js";

describe("the PostgreSQL schema", () => {
  it("is what the source schema gives, and its migrations reach it", async () => {
    const drift = await postgresSchemaDrift(TEST_POSTGRES_SERVER);
    expect(drift).toEqual({ schemaFile: false, missingSql: "" });
  });

  it("a migrations folder that lacks the model is reported with the SQL it lacks", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "jedikim-pg-migrations-"));
    try {
      const sql = await pendingSchemaChange("postgresql", { dir: empty, pgUrl: TEST_POSTGRES_SERVER });
      expect(sql).toContain('CREATE TABLE "Submission"');
      expect(sql).toContain("TIMESTAMP(3)");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("differs from the source only in provider and client output", () => {
    const source = readFileSync(SCHEMA_TARGETS.sqlite.schemaPath, "utf8");
    const pg = postgresSchemaFrom(source);
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain("../../src/generated/prisma-pg");
    const models = (s: string) => s.slice(s.indexOf("/// A kecamatan"));
    expect(models(pg)).toBe(models(source));
    expect(() => postgresSchemaFrom(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/provider/);
  });

  it("a postgres:// or postgresql:// URL selects PostgreSQL, anything else SQLite", () => {
    expect(providerOf("postgresql://u@h:5432/db")).toBe("postgresql");
    expect(providerOf("postgres://h/db")).toBe("postgresql");
    expect(providerOf("file:./data/jedikim.db")).toBe("sqlite");
  });
});
