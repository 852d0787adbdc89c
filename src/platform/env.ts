import { z } from "zod";

/**
 * Runtime configuration shared by the web server and the worker, validated once. Every variable is
 * documented in .env.example; the start script fills DATABASE_URL (and AUTH_SECRET, read by
 * Auth.js itself) when it provides the embedded defaults.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL"),
  VIGIE_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "VIGIE_SECRET_KEY must be 64 hex characters (32 bytes)")
    .optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  VIGIE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  VIGIE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  VIGIE_DATA_DIR: z.string().min(1).default(".vigie"),
  VIGIE_READING_QUEUE_MEMORY: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
