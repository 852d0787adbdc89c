import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issueTexts, validationMessageFr } from "../../src/platform/validation-text";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "generated" ? [] : sourceFiles(join(dir, e.name))) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Every fixed message Vigie's schemas and field issues write, read from the source. */
function ownMessages(): string[] {
  const found = new Set<string>();
  const patterns = [
    /\.(?:min|max|length)\(\d[\d_]*,\s*"([^"]+)"\)/g,
    /\.(?:regex|refine|startsWith)\([^;\n]*?,\s*"([^"]+)"\)/g,
    /(?:addIssue\(\{|issues: \[\{|\{ path: \[[^\]]*\], )[^}]*?message: "([^"]+)"/g,
  ];
  for (const file of sourceFiles("src")) {
    const text = readFileSync(file, "utf8");
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1]!);
  }
  return [...found];
}

describe("validation messages", () => {
  it("every message Vigie's schemas write has its French writing", () => {
    const messages = ownMessages();
    expect(messages.length).toBeGreaterThan(20);
    const untranslated = messages.filter((m) => validationMessageFr(m) === m && m !== "HH:MM");
    expect(untranslated).toEqual([]);
  });

  it("messages with a variable part keep it", () => {
    expect(validationMessageFr("invalid cron expression: 6 fields expected")).toBe("expression cron invalide : 6 fields expected");
    expect(validationMessageFr("API_KEY needs a value")).toBe("API_KEY a besoin d'une valeur");
  });

  it("zod's own messages are written by zod's locale, Vigie's by its translations", () => {
    const issues = z.object({ n: z.number().max(5), name: z.string().min(1, "a name is required") }).safeParse({ n: 9, name: "" }).error!.issues;
    expect(issues.map((i) => issueTexts(i).fr)).toEqual(["Trop grand : nombre doit être <=5", "un nom est requis"]);
    expect(issues.map((i) => issueTexts(i).en)).toEqual(["Too big: expected number to be <=5", "a name is required"]);
  });
});
