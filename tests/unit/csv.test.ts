import { describe, expect, it } from "vitest";
import { csvRow } from "../../src/lib/csv";

describe("CSV", () => {
  it("quotes what needs it (RFC 4180), prints dates in ISO 8601 and null as nothing", () => {
    expect(csvRow(["plain", 1.5, null, undefined, new Date("2026-12-02T10:00:00Z")])).toBe("plain,1.5,,,2026-12-02T10:00:00.000Z");
    expect(csvRow(['say "hi"', "a,b", "two\nlines", "cr\rhere"])).toBe('"say ""hi""","a,b","two\nlines","cr\rhere"');
  });
});
