"use client";

import { Badge, type Tone } from "~/components/ui/badge";
import { Icon, Spinner, type IconName } from "~/components/ui/icons";
import { useI18n } from "~/i18n/client";

type TestStatus = "PENDING" | "RUNNING" | "PASSED" | "FAILED" | "SKIPPED";
type ReportStatus = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";

const testLook: Record<TestStatus, { tone: Tone; icon: IconName | "spinner" }> = {
  PENDING: { tone: "grey", icon: "clock" },
  RUNNING: { tone: "blue", icon: "spinner" },
  PASSED: { tone: "green", icon: "check" },
  FAILED: { tone: "red", icon: "cross" },
  SKIPPED: { tone: "yellow", icon: "forward" },
};
const reportLook: Record<ReportStatus, { tone: Tone; icon: IconName | "spinner" }> = {
  PENDING: { tone: "grey", icon: "clock" },
  RUNNING: { tone: "blue", icon: "spinner" },
  COMPLETED: { tone: "green", icon: "check" },
  FAILED: { tone: "red", icon: "cross" },
  CANCELLED: { tone: "yellow", icon: "forward" },
};

function Look({ tone, icon, label, status }: { tone: Tone; icon: IconName | "spinner"; label: string; status: string }) {
  return (
    <span data-testid="status-badge" data-status={status}>
      <Badge tone={tone}>
        {icon === "spinner" ? <Spinner className="h-3.5 w-3.5" /> : <Icon name={icon} className="h-3.5 w-3.5" />}
        {label}
      </Badge>
    </span>
  );
}

export function TestStatusBadge({ status }: { status: TestStatus }) {
  const { t } = useI18n();
  return <Look {...testLook[status]} label={t.campaigns.testStatus[status]} status={status} />;
}

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useI18n();
  return <Look {...reportLook[status]} label={t.campaigns.status[status]} status={status} />;
}

/** Red as soon as a test failed: a long run's outcome shows before it ends. */
export function ProgressBar({ value, failed = false }: { value: number; failed?: boolean }) {
  return (
    <div
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      role="progressbar"
      aria-valuenow={value}
      aria-valuemin={0}
      aria-valuemax={100}
      data-testid="progress"
      data-failed={failed}
    >
      <div className={`h-full rounded-full transition-all duration-500 ${failed ? "bg-red-600" : "bg-sky-600"}`} style={{ width: `${value}%` }} />
    </div>
  );
}

/** Passed, failed and skipped tests of a report, at a glance. */
export function ReportCounts({ passed, failed, skipped }: { passed: number; failed: number; skipped: number }) {
  const { t } = useI18n();
  return (
    <span className="whitespace-nowrap tabular-nums" data-testid="report-counts" title={t.campaigns.counts(passed, failed, skipped)}>
      <span className="text-green-700 dark:text-green-400">{passed} ✓</span> <span className="text-red-600">{failed} ✗</span>{" "}
      <span className="text-amber-600">{skipped} ↷</span>
    </span>
  );
}
