import { describe, expect, it } from "vitest";
import { notFoundError } from "../../src/platform/errors";
import { errorResponse } from "../../src/server/http/error-response";

describe("REST error answers", () => {
  it("carry the status, message, stable code and parameters of a domain error", async () => {
    const res = errorResponse(notFoundError("meter", "No such meter."));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "No such meter.", code: "not_found", params: { entity: "meter" }, issues: [] });
  });

  it("say 503 with Retry-After when the database is away", () => {
    const res = errorResponse(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect([res.status, res.headers.get("retry-after")]).toEqual([503, "5"]);
  });

  it("rethrow anything else: a bug stays a 500", () => {
    const bug = new TypeError("undefined is not a function");
    expect(() => errorResponse(bug)).toThrow(bug);
  });
});
