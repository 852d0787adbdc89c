import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { errorMessage } from "../../src/components/ui/error-text";
import { en } from "../../src/i18n/en";
import { fr } from "../../src/i18n/fr";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every stable error code the server can send: DomainError's second argument, the helpers' and the users' codes. */
function errorCodes(): Set<string> {
  const codes = new Set(["not_found", "name_taken"]);
  for (const file of sources("src")) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/new DomainError\(\s*"[A-Z_]+",\s*"([a-z_]+)"/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/super\(\s*"[A-Z_]+",\s*"([a-z_]+)"/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/new UserError\(\s*"([a-z_]+)"/g)) codes.add(m[1]!);
  }
  return codes;
}

describe("application errors in the reader's language", () => {
  it("every code the server sends has its French and English text", () => {
    const codes = [...errorCodes()];
    expect(codes.length).toBeGreaterThan(15);
    for (const code of codes) {
      expect(typeof (fr.errors as Record<string, unknown>)[code], `fr.errors.${code}`).toBe("function");
      expect(typeof (en.errors as Record<string, unknown>)[code], `en.errors.${code}`).toBe("function");
    }
  });

  it("are told by code and parameters, not by the server's English message", () => {
    const error = {
      message: 'A meter named "P1" already exists.',
      data: { app: { code: "name_taken", params: { entity: "meter", name: "P1" } }, zodIssues: null },
    } as unknown as Parameters<typeof errorMessage>[0];
    expect(errorMessage(error, fr)).toBe("Le nom « P1 » est déjà pris.");
    expect(errorMessage(error, en)).toBe('The name "P1" is already taken.');
    const gone = { message: "No such meter.", data: { app: { code: "not_found", params: { entity: "meter" } } } } as unknown as Parameters<
      typeof errorMessage
    >[0];
    expect(errorMessage(gone, fr)).toBe("Ce compteur n'existe pas (ou plus).");
  });
});
