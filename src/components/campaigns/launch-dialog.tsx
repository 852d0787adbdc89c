"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { monthYearName } from "~/campaigns/report-naming";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { ErrorText } from "~/components/ui/error-text";
import { SelectField, TextField } from "~/components/ui/field";
import { FilePicker, JsonFilePicker } from "~/components/ui/json-file-picker";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

/**
 * "Exécuter la campagne": name (month and year, made unique by the server), environment, stop on
 * failure; for a Postman collection also Newman's iterations, data file and globals.
 */
export function LaunchDialog({ campaignId, postman, open, onClose }: { campaignId: string; postman: boolean; open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const environments = useQuery(trpc.campaigns.environments.queryOptions());
  const [name, setName] = useState(() => monthYearName(new Date(), locale));
  const [environmentId, setEnvironmentId] = useState("");
  const [stopOnFailure, setStopOnFailure] = useState(false);
  const [run, setRun] = useState<PostmanRun>({});
  const launch = useMutation(trpc.campaigns.launch.mutationOptions({ onSuccess: (report) => router.push(`/campaigns/reports/${report.id}`) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    launch.mutate({ campaignId, environmentId: environmentId || null, name, stopOnFailure, ...(postman ? { postman: run } : {}) });
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
        {postman && <PostmanRunFields run={run} setRun={setRun} />}
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

type PostmanRun = { iterationCount?: number; dataFile?: { name: string; text: string }; globals?: unknown; globalsName?: string };

/** Newman's -n, -d and -g for a run launched from the UI; files are read in the browser and checked by the server. */
function PostmanRunFields({ run, setRun }: { run: PostmanRun; setRun: (run: PostmanRun) => void }) {
  const { t } = useI18n();
  const c = t.campaigns;
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">{c.postmanRun}</legend>
      <TextField
        label={c.iterations}
        type="number"
        min={1}
        value={run.iterationCount ?? ""}
        hint={c.iterationsHint}
        onChange={(e) => setRun({ ...run, iterationCount: e.target.value ? Number(e.target.value) : undefined })}
      />
      <div className="space-y-1">
        <FilePicker
          label={c.dataFile}
          testId="data-file"
          accept=".csv,.json,text/csv,application/json"
          onFile={(text, name) => setRun({ ...run, dataFile: { name, text } })}
        />
        {run.dataFile && <ChosenFile name={run.dataFile.name} onRemove={() => setRun({ ...run, dataFile: undefined })} />}
      </div>
      <div className="space-y-1">
        <JsonFilePicker label={c.globalsFile} testId="globals-file" onJson={(globals, name) => setRun({ ...run, globals, globalsName: name })} />
        {run.globalsName && <ChosenFile name={run.globalsName} onRemove={() => setRun({ ...run, globals: undefined, globalsName: undefined })} />}
      </div>
    </fieldset>
  );
}

function ChosenFile({ name, onRemove }: { name: string; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <p className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
      {t.campaigns.chosenFile(name)}
      <Button size="sm" variant="ghost" onClick={onRemove}>
        {t.campaigns.removeFile}
      </Button>
    </p>
  );
}
