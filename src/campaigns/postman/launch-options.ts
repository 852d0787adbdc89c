import { z } from "zod";
import { parseCsv } from "../../lib/csv";
import { DomainError } from "../../platform/errors";
import { type StoredRunOptions, sealRunOptions } from "./run-options";
import type { PostmanVariables } from "./variables-file";

/** What the launch dialog adds to a Postman run, as Newman's -n, -d and -g: the files as the user picked them. */
export const postmanLaunchOptions = z.object({
  iterationCount: z.number().int().positive().max(100_000).optional(),
  dataFile: z.object({ name: z.string().min(1).max(255), text: z.string().max(20_000_000) }).optional(),
  globals: z.unknown().optional(),
});
export type PostmanLaunchOptions = z.infer<typeof postmanLaunchOptions>;

const refusedDataFile = (name: string) =>
  new DomainError("BAD_REQUEST", "data_file_invalid", `The data file ${name} must be CSV with a header line, or a JSON array of objects.`, {
    params: { name },
    issues: [{ path: ["postman", "dataFile"], message: "a CSV file with a header line, or a JSON array of objects" }],
  });

/** A data file's rows: CSV by its name, else JSON (an array of objects), as Newman reads -d. */
export function iterationRows(file: { name: string; text: string }): Record<string, unknown>[] {
  if (file.name.toLowerCase().endsWith(".csv")) {
    const rows = parseCsv(file.text);
    if (!rows.length) throw refusedDataFile(file.name);
    return rows;
  }
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch {
    throw refusedDataFile(file.name);
  }
  if (!Array.isArray(data) || !data.length || !data.every((row) => row && typeof row === "object" && !Array.isArray(row))) throw refusedDataFile(file.name);
  return data as Record<string, unknown>[];
}

/** The run options a report keeps from the dialog's choices (globals sealed, as the CLI's). */
export function runOptionsFromLaunch(options: PostmanLaunchOptions): StoredRunOptions {
  return sealRunOptions({
    iterationCount: options.iterationCount,
    iterationData: options.dataFile ? iterationRows(options.dataFile) : undefined,
    globals: options.globals === undefined ? undefined : (options.globals as PostmanVariables),
  });
}
