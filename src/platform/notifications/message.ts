import type { Alert } from "../../generated/prisma/client";
import { type AlertLanguage, alertFormat, alertText } from "../alerts/alert-text";

export type NotificationMessage = {
  title: string;
  body: string;
  severity: Alert["severity"];
  alert: Alert;
};

const labels: Record<AlertLanguage, { measured: string; threshold: string; source: string; at: string; severity: Record<Alert["severity"], string> }> = {
  fr: {
    measured: "Mesure",
    threshold: "seuil",
    source: "Source",
    at: "Le",
    severity: { INFO: "INFO", WARNING: "AVERTISSEMENT", ERROR: "ERREUR", CRITICAL: "CRITIQUE" },
  },
  en: {
    measured: "Measured",
    threshold: "threshold",
    source: "Source",
    at: "At",
    severity: { INFO: "INFO", WARNING: "WARNING", ERROR: "ERROR", CRITICAL: "CRITICAL" },
  },
};

/**
 * An alert as a notification, in the site's language. Its instants are in UTC, named as such: a
 * notification is read anywhere, and the site's zone belongs to the energy domain.
 */
export function messageForAlert(alert: Alert, siteName: string, language: AlertLanguage): NotificationMessage {
  const l = labels[language];
  const format = alertFormat(language, "UTC");
  const text = alertText(alert, language, format);
  const unit = alert.unit ? ` ${alert.unit}` : "";
  const measured =
    alert.measuredValue !== null
      ? `\n${l.measured}: ${format.number(alert.measuredValue, 3)}${unit}` +
        (alert.threshold !== null ? ` (${l.threshold} ${format.number(alert.threshold, 3)}${unit})` : "")
      : "";
  return {
    title: `[${siteName}] ${l.severity[alert.severity]}: ${text.title}`,
    body: `${text.description}${measured}\n${l.source}: ${alert.sourceKind}${alert.sourceId ? ` ${alert.sourceId}` : ""}\n${l.at}: ${format.dateTime(alert.occurredAt.toISOString())}`.trim(),
    severity: alert.severity,
    alert,
  };
}
