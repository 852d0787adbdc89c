"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { monthYearName } from "~/campaigns/report-naming";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { ErrorText } from "~/components/ui/error-text";
import { SelectField, TextField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/** "Exécuter la campagne": name (month and year, made unique by the server), environment, stop on failure. */
export function LaunchDialog({ campaignId, open, onClose }: { campaignId: string; open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const environments = useQuery(trpc.campaigns.environments.queryOptions());
  const [name, setName] = useState(() => monthYearName(new Date(), locale));
  const [environmentId, setEnvironmentId] = useState("");
  const [stopOnFailure, setStopOnFailure] = useState(false);
  const launch = useMutation(trpc.campaigns.launch.mutationOptions({ onSuccess: (report) => router.push(`/campaigns/reports/${report.id}`) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    launch.mutate({ campaignId, environmentId: environmentId || null, name, stopOnFailure });
  };
  return (
    <Dialog open={open} onClose={onClose} title={t.campaigns.run}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label={t.campaigns.reportName} value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField label={t.campaigns.environment} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
          <option value="">{t.campaigns.chooseEnvironment}</option>
          {environments.data?.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={stopOnFailure} onChange={(e) => setStopOnFailure(e.target.checked)} />
          {t.campaigns.stopOnFailure}
        </label>
        <ErrorText error={launch.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t.common.cancel}
          </Button>
          <Button type="submit" disabled={launch.isPending}>
            {t.campaigns.launch}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
