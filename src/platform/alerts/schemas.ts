import { z } from "zod";

export const severities = ["INFO", "WARNING", "ERROR", "CRITICAL"] as const;
export type Severity = (typeof severities)[number];
export const severitySchema = z.enum(severities);

export function severityAtLeast(actual: Severity, minimum: Severity): boolean {
  return severities.indexOf(actual) >= severities.indexOf(minimum);
}

export const alertSourceKinds = ["SYSTEM", "METER", "BACKUP_JOB", "CAMPAIGN"] as const;

export const alertFilterSchema = z.object({
  severity: z.array(severitySchema).optional(),
  sourceKind: z.enum(alertSourceKinds).optional(),
  sourceId: z.string().max(100).optional(),
  type: z.string().max(100).optional(),
  category: z.string().max(100).optional(),
  acknowledged: z.boolean().optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});
export type AlertFilter = z.infer<typeof alertFilterSchema>;
