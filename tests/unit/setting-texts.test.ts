import { describe, expect, it } from "vitest";
import { settingCatalog } from "../../src/composition/settings-catalog";
import { dictionaries, locales } from "../../src/i18n/locales";

describe("settings as an operator reads them", () => {
  it.each(locales)("every setting and every group has its label and help in %s", (locale) => {
    const texts = dictionaries[locale].settings;
    for (const def of settingCatalog) {
      expect(texts.categories[def.category], `${locale} category ${def.category}`).toBeTruthy();
      expect(texts.fields[def.key]?.label, `${locale} ${def.key}`).toBeTruthy();
      expect(texts.fields[def.key]?.help, `${locale} ${def.key}`).toBeTruthy();
    }
    // No text for a setting that no longer exists.
    expect(Object.keys(texts.fields).sort()).toEqual(settingCatalog.map((d) => d.key).sort());
  });
});
