import { isAbsolute } from "node:path";
import picomatch from "picomatch";
import { z } from "zod";
import { isValidTimezone } from "../lib/time-zone";
import { cronProblem } from "./schedule";

/** Why a glob cannot be a backup pattern, or null. */
export function globProblem(pattern: string): string | null {
  if (pattern.startsWith("/")) return "the pattern is relative to the location: remove the leading /";
  if (pattern.split("/").includes("..")) return "the pattern cannot leave the location (..)";
  const pairs: [string, string][] = [
    ["[", "]"],
    ["{", "}"],
    ["(", ")"],
  ];
  for (const [open, close] of pairs) {
    if (pattern.split(open).length !== pattern.split(close).length) return `unbalanced ${open}${close} in the pattern`;
  }
  try {
    picomatch.makeRe(pattern);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

const jobFields = z.object({
  name: z.string().trim().min(1, "a name is required").max(100),
  description: z.string().trim().max(2000).default(""),
  location: z
    .string()
    .trim()
    .min(1, "a location is required")
    .max(4096)
    .refine((p) => !p.includes("\0"), "the path contains a NUL character")
    .refine(isAbsolute, "the location must be an absolute path, e.g. /mnt/nas/backups"),
  pattern: z
    .string()
    .trim()
    .min(1, "a pattern is required, e.g. *.tar.gz")
    .max(500)
    .superRefine((p, ctx) => {
      const problem = globProblem(p);
      if (problem) ctx.addIssue({ code: "custom", message: `invalid glob: ${problem}` });
    }),
  recursive: z.boolean().default(false),
  scheduleKind: z.enum(["INTERVAL", "CRON"]),
  intervalMinutes: z.number().int().min(1).max(525_600).nullish(),
  cronExpression: z.string().trim().max(200).nullish(),
  timezone: z.string().trim().default("UTC").refine(isValidTimezone, "unknown time zone"),
  graceMinutes: z.number().int().min(0).max(525_600).default(60),
  minSizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  paused: z.boolean().default(false),
});

function checkSchedule(
  job: { scheduleKind?: "INTERVAL" | "CRON"; intervalMinutes?: number | null; cronExpression?: string | null; timezone?: string },
  ctx: z.RefinementCtx,
) {
  if (job.scheduleKind === "INTERVAL" && !job.intervalMinutes) {
    ctx.addIssue({ code: "custom", path: ["intervalMinutes"], message: "an interval schedule needs its interval in minutes" });
  }
  if (job.scheduleKind === "CRON") {
    const problem = job.cronExpression ? cronProblem(job.cronExpression, job.timezone ?? "UTC") : "a cron schedule needs its expression";
    if (problem) ctx.addIssue({ code: "custom", path: ["cronExpression"], message: `invalid cron expression: ${problem}` });
  }
}

export const backupJobInput = jobFields.superRefine(checkSchedule);
export type BackupJobInput = z.input<typeof backupJobInput>;

export const backupJobUpdate = z.object({ id: z.string().min(1), data: jobFields.superRefine(checkSchedule) });
export type BackupJobUpdate = z.input<typeof backupJobUpdate>;
