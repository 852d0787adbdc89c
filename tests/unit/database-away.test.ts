import { describe, expect, it } from "vitest";
import { isDatabaseAway } from "../../src/platform/db/patient-pool";

const prisma = (message: string) => Object.assign(new Error(`\nInvalid \`prisma.$queryRaw()\` invocation:\n\n\n${message}`), { code: "P2010" });

describe("isDatabaseAway", () => {
  it("recognises PostgreSQL stopping, restarting or unreachable, from pg and from Prisma", () => {
    for (const err of [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      prisma("Raw query failed. Code: `57P01`. Message: `terminating connection due to administrator command`"),
      prisma("Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:42083`"),
      prisma("Raw query failed. Code: `N/A`. Message: `Server has closed the connection.`"),
    ]) {
      expect(isDatabaseAway(err), err.message).toBe(true);
    }
  });
  it("does not take a wrong statement or a constraint for an outage", () => {
    expect(isDatabaseAway(Object.assign(new Error('relation "nope" does not exist'), { code: "42P01" }))).toBe(false);
    expect(isDatabaseAway(prisma("Raw query failed. Code: `23505`. Message: `duplicate key value violates unique constraint`"))).toBe(false);
    expect(isDatabaseAway("text")).toBe(false);
  });
});
