import { describe, expect, it } from "vitest";
import { storageProblem } from "../../src/db/storage-errors.js";

describe("storage problems", () => {
  it("are recognised inside Prisma's driver-adapter errors", () => {
    const prisma = { code: "P2039", meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: "SQLITE_FULL", kind: "sqlite" } } } };
    expect(storageProblem(prisma)).toBe("full");
    expect(storageProblem({ meta: { driverAdapterError: { cause: { originalCode: "SQLITE_READONLY" } } } })).toBe("read-only");
  });

  it("read an extended SQLite code by its family", () => {
    expect(storageProblem({ code: "SQLITE_IOERR_WRITE" })).toBe("unavailable");
    expect(storageProblem({ code: "SQLITE_BUSY_SNAPSHOT" })).toBe("busy");
  });

  it("cover PostgreSQL and the operating system", () => {
    expect(storageProblem({ code: "53100" })).toBe("full");
    expect(storageProblem({ code: "25006" })).toBe("read-only");
    expect(storageProblem(Object.assign(new Error("no space"), { code: "ENOSPC" }))).toBe("full");
    expect(storageProblem(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "EROFS" }) }))).toBe("read-only");
  });

  it("leave other errors alone", () => {
    expect(storageProblem(new TypeError("x is undefined"))).toBeUndefined();
    expect(storageProblem({ code: "P2002", meta: { target: ["dedupeKey"] } })).toBeUndefined();
    expect(storageProblem(undefined)).toBeUndefined();
  });
});
