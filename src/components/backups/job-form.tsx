"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { DurationField } from "~/components/ui/duration-field";
import { ErrorText } from "~/components/ui/error-text";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import type { BackupJobInput } from "~/backups/schemas";
import { useServerText } from "~/components/alerts/use-server-text";
import { useTRPC } from "~/trpc/react";

type Values = Required<Omit<BackupJobInput, "intervalMinutes" | "cronExpression">> & { intervalMinutes: number | null; cronExpression: string | null };

const blank: Values = {
  name: "",
  description: "",
  location: "",
  pattern: "*.tar.gz",
  recursive: false,
  scheduleKind: "INTERVAL",
  intervalMinutes: 1440,
  cronExpression: "0 2 * * *",
  timezone: "Europe/Paris",
  graceMinutes: 60,
  minSizeBytes: 1,
  paused: false,
};

/** Create or edit a job; the server validates cron, glob and path and answers field by field. */
export function BackupJobForm({ job }: { job?: Values & { id: string } }) {
  const { t } = useI18n();
  const text = useServerText();
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<Values>(job ?? blank);
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const done = (saved: { id: string }) => router.push(`/backups/${saved.id}`);
  const create = useMutation(trpc.backups.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.backups.update.mutationOptions({ onSuccess: done }));
  const check = useMutation(trpc.backups.checkLocation.mutationOptions());
  const saving = create.isPending || update.isPending;
  const fieldError = (field: string) => {
    const issues = (create.error ?? update.error)?.data?.zodIssues ?? [];
    return issues.find((i) => i.path.at(-1) === field)?.message ?? null;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const data = {
      ...values,
      intervalMinutes: values.scheduleKind === "INTERVAL" ? values.intervalMinutes : null,
      cronExpression: values.scheduleKind === "CRON" ? values.cronExpression : null,
    };
    if (job) update.mutate({ id: job.id, data });
    else create.mutate(data);
  };

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4" noValidate>
      <TextField label={t.common.name} value={values.name} onChange={(e) => set({ name: e.target.value })} error={fieldError("name")} required />
      <TextAreaField label={t.common.description} value={values.description} onChange={(e) => set({ description: e.target.value })} rows={2} />
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <TextField
            label={t.backups.location}
            value={values.location}
            onChange={(e) => set({ location: e.target.value })}
            error={fieldError("location")}
            hint={t.backups.locationHint}
            placeholder="/mnt/nas/backups"
          />
        </div>
        <Button variant="secondary" onClick={() => check.mutate({ location: values.location })} disabled={!values.location || check.isPending}>
          {t.backups.checkLocation}
        </Button>
      </div>
      {check.data && (
        <p
          role="status"
          data-testid="location-check"
          className={`text-sm ${check.data.readable ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}
        >
          {check.data.readable ? t.backups.readable : text.backupReason(check.data.problem)}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t.backups.pattern}
          value={values.pattern}
          onChange={(e) => set({ pattern: e.target.value })}
          error={fieldError("pattern")}
          hint={t.backups.patternHint}
        />
        <label className="flex items-center gap-2 self-center text-sm">
          <input type="checkbox" checked={values.recursive} onChange={(e) => set({ recursive: e.target.checked })} />
          {t.backups.recursive}
        </label>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t.backups.scheduleKind}
          value={values.scheduleKind}
          onChange={(e) => set({ scheduleKind: e.target.value as Values["scheduleKind"] })}
        >
          <option value="INTERVAL">{t.backups.interval}</option>
          <option value="CRON">{t.backups.cron}</option>
        </SelectField>
        {values.scheduleKind === "INTERVAL" ? (
          <DurationField
            label={t.backups.intervalMinutes}
            min={1}
            minutes={values.intervalMinutes}
            onChange={(intervalMinutes) => set({ intervalMinutes })}
            error={fieldError("intervalMinutes")}
          />
        ) : (
          <TextField
            label={t.backups.cronExpression}
            value={values.cronExpression ?? ""}
            onChange={(e) => set({ cronExpression: e.target.value })}
            error={fieldError("cronExpression")}
          />
        )}
        <TextField label={t.backups.timezone} value={values.timezone} onChange={(e) => set({ timezone: e.target.value })} error={fieldError("timezone")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <DurationField
          label={t.backups.graceMinutes}
          minutes={values.graceMinutes}
          onChange={(graceMinutes) => set({ graceMinutes: graceMinutes ?? 0 })}
          error={fieldError("graceMinutes")}
        />
        <TextField
          label={t.backups.minSizeBytes}
          type="number"
          min={0}
          value={values.minSizeBytes}
          onChange={(e) => set({ minSizeBytes: Number(e.target.value) })}
          error={fieldError("minSizeBytes")}
        />
        <label className="flex items-center gap-2 self-center text-sm">
          <input type="checkbox" checked={values.paused} onChange={(e) => set({ paused: e.target.checked })} />
          {t.backups.paused}
        </label>
      </div>
      <ErrorText error={create.error ?? update.error} />
      <div className="flex gap-2">
        <Button type="submit" disabled={saving}>
          {job ? t.common.save : t.common.create}
        </Button>
        <Button variant="secondary" onClick={() => router.back()}>
          {t.common.cancel}
        </Button>
      </div>
    </form>
  );
}
