import { describe, expect, it } from "vitest";
import { settingCatalog } from "../../src/composition/settings-catalog";
import { dictionaries, locales } from "../../src/i18n/locales";
import { crontab } from "../../src/platform/system/crontab";

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

describe("the worker's schedule as an operator reads it", () => {
  it.each(locales)("every scheduled task has its name and description in %s", (locale) => {
    const tasks = dictionaries[locale].system.tasks;
    for (const entry of crontab) {
      expect(tasks[entry.identifier]?.label, `${locale} ${entry.identifier}`).toBeTruthy();
      expect(tasks[entry.identifier]?.description, `${locale} ${entry.identifier}`).toBeTruthy();
    }
    expect(Object.keys(tasks).sort()).toEqual(crontab.map((e) => e.identifier).sort());
  });
});
