import { z } from "zod";

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));
const number = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Vigie's configuration, every variable .env.example documents, validated once per process: the
 * one place that reads process.env (a lint rule keeps it so). `npm start` fills DATABASE_URL,
 * AUTH_SECRET and VIGIE_SECRET_KEY when it provides the embedded defaults.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgresql:// URL" }).optional(),
  VIGIE_EMBEDDED_PG_PORT: number(1, 65_535, 54_329),
  VIGIE_DATA_DIR: z.string().min(1).default(".vigie"),
  VIGIE_DB_WAIT_SECONDS: number(0, 86_400, 60),
  VIGIE_DB_POOL_MAX: z.coerce.number().int().min(1).max(1_000).optional(),
  VIGIE_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).optional(),
  PORT: number(1, 65_535, 3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  AUTH_SECRET: optionalText,
  VIGIE_METRICS_TOKEN: optionalText,
  VIGIE_TRUSTED_PROXIES: optionalText,
  VIGIE_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "VIGIE_SECRET_KEY must be 64 hex characters (32 bytes)")
    .optional(),
  VIGIE_ADMIN_EMAIL: z.email().default("admin@vigie.local"),
  VIGIE_ADMIN_PASSWORD: optionalText,
  VIGIE_DEMO_METER: z.enum(["0", "1"]).default("1"),
  VIGIE_WORKER_CONCURRENCY: number(1, 64, 4),
  VIGIE_HEARTBEAT_SECONDS: number(1, 300, 5),
  VIGIE_READING_QUEUE_MEMORY: number(1, 1_000_000, 1_000),
  SCANNER_INTERVAL_MINUTES: z.coerce.number().positive().max(1440).default(15),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The validated configuration; a bad value stops the process with every problem listed. */
export function env(): Env {
  if (cached) return cached;
  // An empty variable (VAR= in a .env file) means unset.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** DATABASE_URL, for the processes that cannot run without it (the web server, the worker). */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start provides one; see .env.example)");
  return url;
}

/**
 * A script working on the data folder's embedded database (the CLI beside `npm start`) seals and
 * opens secrets with the key `npm start` generated there, unless VIGIE_SECRET_KEY says otherwise.
 */
export function adoptLocalSecretKey(key: string): void {
  const current = env();
  if (!current.VIGIE_SECRET_KEY) cached = { ...current, VIGIE_SECRET_KEY: key };
}
