import type { SettingDefinition } from "./definition";
import { backupSettings } from "../../backups/settings";
import { campaignSettings } from "../../campaigns/settings";
import { energySettings, thresholdSettings } from "../../metering/settings";
import { platformSettings } from "./platform-settings";

/** Every setting Vigie knows. A domain adds its own definitions here. */
export const settingCatalog: SettingDefinition[] = [
  ...Object.values(platformSettings),
  ...Object.values(backupSettings),
  ...Object.values(energySettings),
  ...Object.values(thresholdSettings),
  ...Object.values(campaignSettings),
] as SettingDefinition[];

export function findSettingDefinition(key: string): SettingDefinition | undefined {
  return settingCatalog.find((d) => d.key === key);
}
