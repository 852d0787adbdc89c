"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { type WithRowKey, withRowKey } from "~/components/ui/row-key";
import { useI18n } from "~/i18n/client";
import { HttpRequestBuilder, httpParamsRefused } from "./http-request-builder";
import { NameDescriptionFields } from "./name-description-fields";
import { useTRPC } from "~/trpc/react";

type ActionDraft = { type: string; name: string; paramsText: string; timeoutMs: number; retries: number; advanced?: boolean; builderKey?: number };
type TestDraft = { name: string; actions: ActionDraft[] };
export type CampaignDraft = { id: string | null; name: string; description: string; tests: TestDraft[] };
type KeyedAction = WithRowKey<ActionDraft>;
type KeyedTest = WithRowKey<{ name: string; actions: KeyedAction[] }>;
const keyedTest = (test: TestDraft): KeyedTest => withRowKey({ name: test.name, actions: test.actions.map(withRowKey) });

const example: Record<string, object> = {
  http: { method: "GET", url: "{{base_url}}/health", assertions: [{ kind: "status", expected: 200 }] },
  delay: { ms: 1000 },
  assert: { actual: "{{app.value}}", operator: "exists" },
  set: { variables: { name: "value" } },
};
const newAction = (type = "http"): KeyedAction =>
  withRowKey({ type, name: "", paramsText: JSON.stringify(example[type] ?? {}, null, 2), timeoutMs: 30_000, retries: 0 });
const move = <T,>(list: T[], from: number, to: number) => {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  next.splice(to, 0, next.splice(from, 1)[0]!);
  return next;
};

/** A campaign's ordered tests and their ordered actions; each action's parameters as JSON, checked by its type on save. */
export function CampaignEditor({ initial, canEdit }: { initial: CampaignDraft; canEdit: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const types = useQuery(trpc.campaigns.actionTypes.queryOptions());
  const [draft, setDraft] = useState(() => ({ ...initial, tests: initial.tests.map(keyedTest) }));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const save = useMutation(trpc.campaigns.save.mutationOptions({ onSuccess: (c) => (initial.id ? router.refresh() : router.push(`/campaigns/${c.id}`)) }));
  const setTest = (i: number, patch: Partial<KeyedTest>) => setDraft((d) => ({ ...d, tests: d.tests.map((tt, k) => (k === i ? { ...tt, ...patch } : tt)) }));
  const setAction = (i: number, j: number, patch: Partial<ActionDraft>) =>
    setTest(i, { actions: draft.tests[i]!.actions.map((a, k) => (k === j ? { ...a, ...patch } : a)) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setJsonError(null);
    // Requests edited as forms are checked here first: each field then says what is wrong with it.
    const refused = draft.tests.some((tt) => tt.actions.some((a) => a.type === "http" && !a.advanced && httpParamsRefused(a.paramsText)));
    setShowErrors(refused);
    if (refused) return setJsonError(t.campaigns.fixFields);
    try {
      const tests = draft.tests.map((tt, i) => ({
        name: tt.name,
        actions: tt.actions.map((a, j) => {
          try {
            return { type: a.type, name: a.name, params: JSON.parse(a.paramsText || "{}"), timeoutMs: a.timeoutMs, retries: a.retries };
          } catch {
            throw new Error(`${t.campaigns.invalidJson}: ${tt.name || `#${i + 1}`} → ${a.type} #${j + 1}`);
          }
        }),
      }));
      save.mutate({ id: draft.id, data: { name: draft.name, description: draft.description, tests } });
    } catch (err) {
      setJsonError((err as Error).message);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid gap-4 md:grid-cols-2">
        <NameDescriptionFields draft={draft} setDraft={setDraft} disabled={!canEdit} />
      </div>
      {draft.tests.map((test, i) => (
        <Card
          key={test.rowKey}
          title={`${i + 1}. ${test.name || t.campaigns.testName}`}
          actions={
            canEdit && (
              <div className="flex gap-1">
                <Button size="sm" variant="ghost" onClick={() => setDraft({ ...draft, tests: move(draft.tests, i, i - 1) })} aria-label={t.campaigns.moveUp}>
                  ↑
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setDraft({ ...draft, tests: move(draft.tests, i, i + 1) })} aria-label={t.campaigns.moveDown}>
                  ↓
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setDraft({ ...draft, tests: draft.tests.filter((_, k) => k !== i) })}>
                  {t.campaigns.remove}
                </Button>
              </div>
            )
          }
        >
          <div data-testid="test-editor" className="space-y-3">
            <TextField label={t.campaigns.testName} value={test.name} onChange={(e) => setTest(i, { name: e.target.value })} disabled={!canEdit} />
            {test.actions.map((action, j) => (
              <div key={action.rowKey} className="grid gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-700 md:grid-cols-4">
                <SelectField
                  label={t.campaigns.actionType}
                  value={action.type}
                  onChange={(e) => setAction(i, j, { type: e.target.value, paramsText: JSON.stringify(example[e.target.value] ?? {}, null, 2) })}
                  disabled={!canEdit}
                >
                  {(types.data ?? [{ type: action.type, description: "" }]).map((ty) => (
                    <option key={ty.type} value={ty.type} title={ty.description}>
                      {ty.type}
                    </option>
                  ))}
                </SelectField>
                <TextField label={t.campaigns.actionName} value={action.name} onChange={(e) => setAction(i, j, { name: e.target.value })} disabled={!canEdit} />
                <TextField
                  label={t.campaigns.timeoutMs}
                  type="number"
                  value={action.timeoutMs}
                  onChange={(e) => setAction(i, j, { timeoutMs: Number(e.target.value) })}
                  disabled={!canEdit}
                />
                <TextField
                  label={t.campaigns.retries}
                  type="number"
                  value={action.retries}
                  onChange={(e) => setAction(i, j, { retries: Number(e.target.value) })}
                  disabled={!canEdit}
                />
                <div className="md:col-span-4">
                  {action.type === "http" && (
                    <CheckboxField
                      label={t.campaigns.builder.advanced}
                      checked={!!action.advanced}
                      // Back from JSON, the form starts again from the JSON as edited.
                      onChange={(e) => setAction(i, j, { advanced: e.target.checked, builderKey: (action.builderKey ?? 0) + 1 })}
                    />
                  )}
                  {action.type === "http" && !action.advanced ? (
                    <HttpRequestBuilder
                      key={action.builderKey ?? 0}
                      paramsText={action.paramsText}
                      onChange={(paramsText) => setAction(i, j, { paramsText })}
                      disabled={!canEdit}
                      showErrors={showErrors}
                    />
                  ) : (
                    <TextAreaField
                      label={t.campaigns.params}
                      rows={6}
                      value={action.paramsText}
                      onChange={(e) => setAction(i, j, { paramsText: e.target.value })}
                      disabled={!canEdit}
                      hint={types.data?.find((ty) => ty.type === action.type)?.description}
                    />
                  )}
                </div>
                {canEdit && (
                  <div className="flex gap-1 md:col-span-4">
                    <Button size="sm" variant="ghost" onClick={() => setTest(i, { actions: move(test.actions, j, j - 1) })}>
                      ↑
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setTest(i, { actions: move(test.actions, j, j + 1) })}>
                      ↓
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setTest(i, { actions: test.actions.filter((_, k) => k !== j) })}>
                      {t.campaigns.remove}
                    </Button>
                  </div>
                )}
              </div>
            ))}
            {canEdit && (
              <Button size="sm" variant="secondary" onClick={() => setTest(i, { actions: [...test.actions, newAction()] })}>
                {t.campaigns.addAction}
              </Button>
            )}
          </div>
        </Card>
      ))}
      {jsonError && (
        <p role="alert" className="text-sm text-red-600">
          {jsonError}
        </p>
      )}
      <ErrorText error={save.error} />
      {canEdit && (
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setDraft({ ...draft, tests: [...draft.tests, withRowKey({ name: "", actions: [newAction()] })] })}>
            {t.campaigns.addTest}
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {t.common.save}
          </Button>
        </div>
      )}
    </form>
  );
}
