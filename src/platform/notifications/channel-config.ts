import { z } from "zod";
import type { SecretBox } from "../secret-box";

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), "Only http:// and https:// URLs");

export const webhookConfigSchema = z.object({
  url: httpUrl,
  headers: z.record(z.string().min(1).max(100), z.string().max(2000)).default({}),
});

export const emailConfigSchema = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().max(255).optional(),
  password: z.string().max(255).optional(),
  from: z.string().email(),
  to: z.array(z.string().email()).min(1).max(50),
});

export const ntfyConfigSchema = z.object({
  /** Server base URL, e.g. https://ntfy.sh */
  url: httpUrl,
  topic: z.string().regex(/^[\w-]{1,64}$/, "Letters, digits, - and _ only"),
  token: z.string().max(500).optional(),
});

export const channelInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("WEBHOOK"), config: webhookConfigSchema }),
  z.object({ kind: z.literal("EMAIL"), config: emailConfigSchema }),
  z.object({ kind: z.literal("NTFY"), config: ntfyConfigSchema }),
]);
export type ChannelInput = z.infer<typeof channelInputSchema>;

type Config = Record<string, unknown>;
const SECRET_FIELDS = ["password", "token"];
const isSealed = (v: unknown): v is string => typeof v === "string" && v.startsWith("v1:");

/** A stored config's secrets (password, token, every webhook header value), sealed or opened by `f`. */
function mapSecrets(config: Config, f: (value: string) => string): Config {
  const out: Config = { ...config };
  for (const key of SECRET_FIELDS) if (typeof out[key] === "string" && out[key]) out[key] = f(out[key] as string);
  if (out.headers && typeof out.headers === "object")
    out.headers = Object.fromEntries(Object.entries(out.headers as Record<string, string>).map(([k, v]) => [k, typeof v === "string" ? f(v) : v]));
  return out;
}

/** Channel secrets are stored sealed with VIGIE_SECRET_KEY, like meter keys: a database dump does not hold them in clear. */
export const sealChannelSecrets = (config: Config, box: SecretBox): Config => mapSecrets(config, (v) => (isSealed(v) ? v : box.seal(v)));

/** The config as senders need it; values stored before sealing existed are read as they are. */
export const openChannelSecrets = (config: Config, box: () => SecretBox): Config => mapSecrets(config, (v) => (isSealed(v) ? box().open(v) : v));

/** Fields never sent back to the browser. */
export function redactChannelConfig(input: ChannelInput): Record<string, unknown> {
  const config = { ...(input.config as Record<string, unknown>) };
  for (const secret of ["password", "token"]) if (config[secret]) config[secret] = "••••";
  if (input.kind === "WEBHOOK") {
    config.headers = Object.fromEntries(Object.keys(input.config.headers).map((k) => [k, "••••"]));
  }
  return config;
}
