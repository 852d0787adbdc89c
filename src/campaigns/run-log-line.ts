import type { LogLine } from "./report-run";
import { englishRunLogText } from "./run-log-text";
import type { RunLogEntry } from "./run-log-types";

/** A log line as a run writes it: parameters masked, then its English text written from them (and masked again, should a secret span both). */
function maskValues(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === "string") return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskValues(v, mask));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValues(v, mask)]));
  return value;
}

export function runLogLine(level: string, entry: RunLogEntry, mask: (text: string) => string = (text) => text): LogLine {
  const masked = { code: entry.code, params: maskValues(entry.params, mask) } as RunLogEntry;
  return { at: new Date(), level, ...masked, message: mask(englishRunLogText(masked)) };
}
