import { describe, expect, it } from "vitest";
import { importNoteEnglish } from "../../src/campaigns/postman/collection";
import { importNotesFr } from "../../src/i18n/import-notes-fr";

const params = { auth: "akamai", listen: "test", src: "tests.js", field: "upload" };

describe("Postman import notes", () => {
  it("every note Vigie writes in English has its French writing, with its facts", () => {
    expect(Object.keys(importNotesFr).sort()).toEqual(Object.keys(importNoteEnglish).sort());
    for (const [code, write] of Object.entries(importNotesFr)) {
      const fr = write(params);
      expect(fr, code).not.toMatch(/undefined/);
      expect(fr, code).not.toBe((importNoteEnglish as Record<string, (p: unknown) => string>)[code]!(params));
    }
    expect(importNotesFr.form_uploads_file!(params)).toContain("« upload »");
  });
});
