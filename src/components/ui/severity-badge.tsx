"use client";

import { useI18n } from "~/i18n/client";
import { Badge, type Tone } from "./badge";
import { Icon } from "./icons";

const tone: Record<string, Tone> = { INFO: "blue", WARNING: "yellow", ERROR: "orange", CRITICAL: "red" };
const icon = { INFO: "sparkle", WARNING: "warning", ERROR: "cross", CRITICAL: "warning" } as const;

export function SeverityBadge({ severity }: { severity: "INFO" | "WARNING" | "ERROR" | "CRITICAL" }) {
  const { t } = useI18n();
  return (
    <Badge tone={tone[severity]}>
      <Icon name={icon[severity]} className="h-3 w-3" />
      {t.severity[severity]}
    </Badge>
  );
}
