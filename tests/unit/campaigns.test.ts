import { describe, expect, it } from "vitest";
import { actionParamsProblem } from "../../src/campaigns/actions";
import { compare, verdict } from "../../src/campaigns/actions/compare";
import { RegexError, regexGroup } from "../../src/lib/regex-sandbox";
import { jsonPath } from "../../src/campaigns/jsonpath";
import { monthYearName, nextFreeName } from "../../src/campaigns/report-naming";
import { resolveDeep, secretMasker, type VariableScope } from "../../src/campaigns/variables";

const scope = (): VariableScope => ({
  environment: new Map([
    ["base_url", "https://api.test"],
    ["token", "abc123"],
    ["shadowed", "env"],
  ]),
  run: new Map([
    ["orderId", "42"],
    ["shadowed", "run"],
  ]),
  test: { test_id: "t1", campaign_id: "c1", report_id: "r1" },
});

describe("report names", () => {
  it("are the month and year in the user's language", () => {
    expect(monthYearName(new Date("2023-03-15T12:00:00Z"), "fr")).toBe("Mars 2023");
    expect(monthYearName(new Date("2023-03-15T12:00:00Z"), "en")).toBe("March 2023");
    expect(monthYearName(new Date("2023-08-10T12:00:00Z"), "fr")).toBe("Août 2023");
    // 31 March 23:30 UTC is already April in Paris.
    expect(monthYearName(new Date("2023-03-31T23:30:00Z"), "fr")).toBe("Avril 2023");
  });
  it("are made unique with a counter", () => {
    expect(nextFreeName("Mars 2023", new Set())).toBe("Mars 2023");
    expect(nextFreeName("Mars 2023", new Set(["Mars 2023"]))).toBe("Mars 2023 (1)");
    expect(nextFreeName("Mars 2023", new Set(["Mars 2023", "Mars 2023 (1)", "Mars 2023 (3)"]))).toBe("Mars 2023 (2)");
  });
});

describe("variables", () => {
  it("resolve in strings, deep in JSON, keys included, with the documented precedence", () => {
    const resolved = resolveDeep(
      { url: "{{base_url}}/orders/{{app.orderId}}", body: { items: [{ ref: "{{ test.report_id }}" }], "{{orderId}}": "{{shadowed}}" } },
      scope(),
    );
    expect(resolved).toEqual({ url: "https://api.test/orders/42", body: { items: [{ ref: "r1" }], "42": "run" } });
  });
  it("offer $timestamp and $uuid, new at each use", () => {
    const r = resolveDeep(["{{$timestamp}}", "{{$uuid}}", "{{$uuid}}"], scope());
    expect(Number(r[0])).toBeGreaterThan(1_700_000_000);
    expect(r[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(r[1]).not.toBe(r[2]);
  });
  it("leave an unknown variable as written, as Newman does, and say which, never an empty string", () => {
    const unknown: string[] = [];
    const resolved = resolveDeep(["{{missing}}", "{{app.base_url}}/x", "{{test.nope}}", "{{test.constructor}}"], {
      ...scope(),
      onUnknown: (n) => unknown.push(n),
    });
    expect(resolved).toEqual(["{{missing}}", "{{app.base_url}}/x", "{{test.nope}}", "{{test.constructor}}"]);
    expect(unknown).toEqual(["missing", "app.base_url", "test.nope", "test.constructor"]);
  });
  it("secrets are masked wherever they appear, in every form a request or a log gives them", () => {
    const secret = 's3cr3t p@ss/wörd"+';
    const mask = secretMasker([secret, "abc123", "x"]);
    expect(mask("Authorization: Bearer abc123; again abc123")).toBe("Authorization: Bearer ••••; again ••••");
    expect(mask(secret)).toBe("••••");
    expect(mask(`?q=${encodeURIComponent(secret)}&a=1`)).toBe("?q=••••&a=1");
    expect(mask(`password=${encodeURIComponent(secret).replace(/%20/g, "+")}`)).toBe("password=••••");
    expect(mask(JSON.stringify({ password: secret }))).toBe('{"password":"••••"}');
    expect(mask(Buffer.from(secret).toString("base64"))).toBe("••••");
    expect(mask(Buffer.from(secret).toString("base64url"))).toBe("••••");
    // Inside a longer base64 value, at each of the three alignments (Basic authentication): what
    // depends on the secret alone is hidden, at most two characters of each end stay.
    for (const prefix of ["user:", "me:", "a:"]) {
      const header = Buffer.from(`${prefix}${secret}`).toString("base64");
      const masked = mask(`Basic ${header}`);
      expect(masked).toContain("••••");
      expect(masked.replace("••••", "").length).toBeLessThan(`Basic ${header}`.length - 16);
    }
    // A one-character "secret" is never masked (entry refuses those): it would garble everything.
    expect(mask("xxx")).toBe("xxx");
  });
});

describe("assertion helpers", () => {
  it("JSONPath reads members, indexes and quoted names", () => {
    const doc = { a: { list: [{ id: 1 }, { id: 2 }], "odd key": true } };
    expect(jsonPath(doc, "$.a.list[1].id")).toBe(2);
    expect(jsonPath(doc, "$.a.list[-1].id")).toBe(2);
    expect(jsonPath(doc, "$.a['odd key']")).toBe(true);
    expect(jsonPath(doc, "$.a.nope.deeper")).toBeUndefined();
    expect(() => jsonPath(doc, "a.b")).toThrow(/must start with \$/);
  });
  it("compare numbers as numbers and text as text", async () => {
    expect(await compare("42", "equals", 42)).toBe(true);
    expect(await compare({ a: 1 }, "contains", '"a":1')).toBe(true);
    expect(await compare(5, "lessThan", "10")).toBe(true);
    expect(await compare(undefined, "exists", undefined)).toBe(false);
    expect(await compare("abc-123", "matches", "^abc-\\d+$")).toBe(true);
  });
  it("stops a catastrophic regular expression and keeps matching the others", async () => {
    const hostile = `${"a".repeat(40)}!`;
    const [slow, fine] = await Promise.all([verdict(hostile, "matches", "^(a+)+$"), verdict("order-7", "matches", "order-\\d")]);
    expect(slow.ok).toBe(false);
    expect(slow.message).toMatch(/ran longer than 1000 ms/);
    expect(fine).toEqual({ ok: true });
    expect(await verdict("x", "matches", "(")).toMatchObject({ ok: false, message: expect.stringMatching(/invalid regular expression/) });
    expect(await regexGroup("^(a+)+$", hostile, 1, 200).catch((e: Error) => e)).toBeInstanceOf(RegexError);
    expect(await regexGroup("id=(\\d+)", "id=42", 1)).toBe("42");
  });
});

describe("action parameters", () => {
  it("are checked by their type when saved, templates allowed", () => {
    expect(actionParamsProblem("http", { url: "{{base_url}}/x", assertions: [{ kind: "status", expected: 200 }] })).toBeNull();
    expect(actionParamsProblem("http", { method: "FETCH", url: "https://x" })).toMatch(/method/);
    expect(actionParamsProblem("delay", { ms: -1 })).toMatch(/ms/);
    expect(actionParamsProblem("teleport", {})).toMatch(/unknown action type "teleport"/);
  });
});
