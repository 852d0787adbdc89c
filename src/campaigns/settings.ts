import { defineSetting } from "../platform/settings/definition";

export const campaignSettings = {
  staleRunSeconds: defineSetting({
    key: "campaigns.staleRunSeconds",
    type: "INT",
    category: "campaigns",
    description: "A running report whose runner sent no heartbeat for this long is resumed by another worker.",
    defaultValue: 15,
    min: 2,
    max: 3600,
  }),
};
