import { hasRole, type Role } from "../../lib/roles";

/**
 * Who may subscribe to which topic. A topic not matched here cannot be subscribed to at all.
 * Topic names: `system` (worker, queue, settings), `alerts`, `meter:<id>`, `energy`,
 * `backups`, `backup:<id>`, `campaigns`, `report:<id>`.
 */
const rules: { pattern: RegExp; minRole: Role }[] = [
  { pattern: /^system$/, minRole: "ADMIN" },
  { pattern: /^admin:[\w-]+$/, minRole: "ADMIN" },
  { pattern: /^alerts$/, minRole: "VIEWER" },
  { pattern: /^energy$/, minRole: "VIEWER" },
  { pattern: /^meter:[\w-]+$/, minRole: "VIEWER" },
  { pattern: /^backups$/, minRole: "VIEWER" },
  { pattern: /^backup:[\w-]+$/, minRole: "VIEWER" },
  { pattern: /^campaigns$/, minRole: "VIEWER" },
  { pattern: /^report:[\w-]+$/, minRole: "VIEWER" },
];

export function topicRule(topic: string): { minRole: Role } | null {
  return rules.find((r) => r.pattern.test(topic)) ?? null;
}

export function canSubscribe(role: Role | null | undefined, topic: string): boolean {
  const rule = topicRule(topic);
  return rule !== null && hasRole(role, rule.minRole);
}

export const topics = {
  system: "system",
  alerts: "alerts",
  energy: "energy",
  meter: (id: string): `meter:${string}` => `meter:${id}`,
  backups: "backups",
  backup: (id: string): `backup:${string}` => `backup:${id}`,
  campaigns: "campaigns",
  report: (id: string): `report:${string}` => `report:${id}`,
} as const;
