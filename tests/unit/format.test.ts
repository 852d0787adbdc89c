import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration } from "../../src/lib/format";

// Intl separates a number from its unit with a (narrow) no-break space.
const spaced = (text: string) => text.replace(/\s/g, " ");

describe("figures in the reader's language", () => {
  it("durations: tenths under 10 s, minutes and seconds under an hour, then hours and minutes", () => {
    expect(spaced(formatDuration(412, "fr"))).toBe("0,4 s");
    expect(spaced(formatDuration(12_345, "fr"))).toBe("12 s");
    expect(spaced(formatDuration(192_000, "fr"))).toBe("3 min 12 s");
    expect(spaced(formatDuration(3_900_000, "fr"))).toBe("1 h 5 min");
    expect(spaced(formatDuration(412, "en"))).toBe("0.4 sec");
  });
  it("sizes", () => {
    expect(spaced(formatBytes(12 * 1024 * 1024, "fr"))).toBe("12 Mo");
    expect(spaced(formatBytes(12 * 1024 * 1024, "en"))).toBe("12 MB");
    expect(spaced(formatBytes(1536, "en"))).toBe("1.5 kB");
    expect(spaced(formatBytes(1536, "fr"))).toBe("1,5 ko");
    expect(spaced(formatBytes(12, "fr"))).toBe("12 octets");
    expect(spaced(formatBytes(1, "en"))).toBe("1 byte");
  });
});
