import { describe, expect, it } from "vitest";
import { findUnsafeText, storableJson, storableText } from "../../src/lib/unsafe-text";
import { resolveClientIp, trustedProxies } from "../../src/server/auth/client-ip";

describe("client address behind proxies", () => {
  it("is the connection's unless that is a trusted proxy: a rotated X-Forwarded-For changes nothing", () => {
    const none = trustedProxies(undefined);
    for (let i = 0; i < 40; i++) expect(resolveClientIp("203.0.113.7", `10.0.0.${i}`, none)).toBe("203.0.113.7");
    expect(resolveClientIp("::ffff:203.0.113.7", undefined, none)).toBe("203.0.113.7");
  });

  it("walks the chain from the right past trusted proxies only", () => {
    const proxies = trustedProxies("127.0.0.1, 10.0.0.0/8");
    expect(resolveClientIp("127.0.0.1", "198.51.100.9, 10.1.2.3", proxies)).toBe("198.51.100.9");
    // What the client wrote before its own address is not believed.
    expect(resolveClientIp("127.0.0.1", "1.2.3.4, 198.51.100.9", proxies)).toBe("198.51.100.9");
    expect(resolveClientIp("127.0.0.1", undefined, proxies)).toBe("127.0.0.1");
    expect(() => trustedProxies("not-an-ip")).toThrow(/VIGIE_TRUSTED_PROXIES/);
  });
});

describe("text PostgreSQL cannot store", () => {
  it("finds NUL and unpaired surrogates anywhere, keeps real emoji", () => {
    expect(findUnsafeText({ a: ["ok", { b: "x\u0000" }] })).toBe("a[1].b");
    expect(findUnsafeText("lone \ud800 high")).toBe("(value)");
    expect(findUnsafeText({ "\udc00": 1 })).toBe("(key)");
    expect(findUnsafeText({ name: "compteur ⚡ 😀", n: 3, nested: [null, true] })).toBeNull();
  });

  it("makes JSON from outside storable: NUL and unpaired surrogates become U+FFFD, a literal backslash-u stays", () => {
    const stored = (value: unknown) => JSON.parse(storableJson(value));
    expect(stored({ id: "AB\u0000CD\u0000\u0000" })).toEqual({ id: "AB\ufffdCD\ufffd\ufffd" });
    expect(stored({ text: "lone \ud800, pair 😀, low \udc00" })).toEqual({ text: "lone \ufffd, pair 😀, low \ufffd" });
    expect(stored({ literal: "\\u0000", escaped: "\\\u0000" })).toEqual({ literal: "\\u0000", escaped: "\\\ufffd" });
    expect(findUnsafeText(stored({ a: ["x\u0000", { b: "\udfff" }] }))).toBeNull();
    expect(storableText("a\u0000b \ud800 😀 \udc00")).toBe("a\ufffdb \ufffd 😀 \ufffd");
    expect(storableText("é 😀")).toBe("é 😀");
    expect(storableJson({ a: "é 😀" })).toBe(JSON.stringify({ a: "é 😀" }));
    expect(storableJson({ id: 12n }, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).toBe('{"id":"12"}');
  });
});
