import type { Db } from "../platform/db/client";
import type { SettingDefinition } from "../platform/settings/definition";
import { listSettings, updateSetting, updateSettings } from "../platform/settings/settings";
import { backupSettings } from "../backups/settings";
import { campaignSettings } from "../campaigns/settings";
import { energySettings, thresholdSettings } from "../metering/settings";
import { platformSettings } from "../platform/settings/platform-settings";

/**
 * Every setting Vigie knows: the platform's and each domain's. This is the composition root of
 * settings (the platform below does not know the domains): adapters and scripts use the helpers
 * here, which hand this catalog to the platform's settings service.
 */
export const settingCatalog: SettingDefinition[] = [
  ...Object.values(platformSettings),
  ...Object.values(backupSettings),
  ...Object.values(energySettings),
  ...Object.values(thresholdSettings),
  ...Object.values(campaignSettings),
] as SettingDefinition[];

/** Every setting with its stored value. */
export const listAppSettings = (db: Db) => listSettings(db, settingCatalog);

/** Validates against the setting's type and rules, stores it, and keeps who changed what. */
export const updateAppSetting = (db: Db, key: string, value: unknown, changedById: string | null) => updateSetting(db, settingCatalog, key, value, changedById);

/** Stores several values, all or none (see updateSettings). */
export const updateAppSettings = (db: Db, values: Record<string, unknown>, changedById: string | null) =>
  updateSettings(db, settingCatalog, values, changedById);
