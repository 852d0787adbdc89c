import { describe, expect, it } from "vitest";
import { csvRow, parseCsv } from "../../src/lib/csv";

describe("CSV", () => {
  it("quotes what needs it (RFC 4180), prints dates in ISO 8601 and null as nothing", () => {
    expect(csvRow(["plain", 1.5, null, undefined, new Date("2026-12-02T10:00:00Z")])).toBe("plain,1.5,,,2026-12-02T10:00:00.000Z");
    expect(csvRow(['say "hi"', "a,b", "two\nlines", "cr\rhere"])).toBe('"say ""hi""","a,b","two\nlines","cr\rhere"');
  });
});

describe("CSV data files", () => {
  it("read rows by column name, with quoted commas, quotes and line breaks, CRLF or LF", () => {
    expect(parseCsv('q,expected\r\nab,2\r\n"x,y",3\n"say ""hi""","multi\nline"\n')).toEqual([
      { q: "ab", expected: "2" },
      { q: "x,y", expected: "3" },
      { q: 'say "hi"', expected: "multi\nline" },
    ]);
    expect(parseCsv("a,b\n")).toEqual([]);
  });
});
