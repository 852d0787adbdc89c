import type { Alert } from "../../generated/prisma/client";

export type NotificationMessage = {
  title: string;
  body: string;
  severity: Alert["severity"];
  alert: Alert;
};

export function messageForAlert(alert: Alert, siteName: string): NotificationMessage {
  const measured =
    alert.measuredValue !== null
      ? `\nMeasured: ${alert.measuredValue}${alert.unit ? ` ${alert.unit}` : ""}` +
        (alert.threshold !== null ? ` (threshold ${alert.threshold}${alert.unit ? ` ${alert.unit}` : ""})` : "")
      : "";
  return {
    title: `[${siteName}] ${alert.severity}: ${alert.title}`,
    body: `${alert.description}${measured}\nSource: ${alert.sourceKind}${alert.sourceId ? ` ${alert.sourceId}` : ""}\nAt: ${alert.occurredAt.toISOString()}`.trim(),
    severity: alert.severity,
    alert,
  };
}
