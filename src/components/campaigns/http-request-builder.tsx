"use client";

import { type ReactNode, useId, useState } from "react";
import { httpMethods, httpParams, type HttpParams } from "~/campaigns/actions/http-params";
import { templateProbe } from "~/campaigns/actions/template-probe";
import { Button } from "~/components/ui/button";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { type WithRowKey, withRowKey } from "~/components/ui/row-key";
import { useI18n } from "~/i18n/client";
import { issueTexts } from "~/platform/validation-text";
import { KeyValueRows } from "./key-value-rows";

type Assertion = NonNullable<HttpParams["assertions"]>[number];
type Extraction = NonNullable<HttpParams["extract"]>[number];
type BodyType = "none" | "json" | "form" | "raw";
/** "regex" is how the form names a body assertion that matches a pattern. */
type AssertionKind = Assertion["kind"] | "regex";

const operatorsFor: Record<AssertionKind, readonly string[]> = {
  status: ["equals", "notEquals", "lessThan", "greaterThan"],
  header: ["equals", "notEquals", "contains", "notContains", "matches", "exists", "notExists"],
  jsonPath: ["equals", "notEquals", "contains", "notContains", "matches", "lessThan", "greaterThan", "exists", "notExists"],
  body: ["contains", "notContains"],
  regex: ["matches"],
  responseTime: [],
};

const blankAssertion: Record<AssertionKind, Assertion> = {
  status: { kind: "status", operator: "equals", expected: 200 },
  header: { kind: "header", name: "content-type", operator: "contains", expected: "json" },
  jsonPath: { kind: "jsonPath", path: "$.", operator: "equals", expected: "" },
  body: { kind: "body", operator: "contains", expected: "" },
  regex: { kind: "body", operator: "matches", expected: "" },
  responseTime: { kind: "responseTime", lessThanMs: 1000 },
};

const blankExtraction: Record<Extraction["from"], Extraction> = {
  jsonPath: { from: "jsonPath", path: "$.", variable: "" },
  header: { from: "header", name: "", variable: "" },
  regex: { from: "regex", pattern: "", group: 1, variable: "" },
};

/** A list with one row replaced by new values, the row keeping its key. */
const replaced = <T extends object>(list: WithRowKey<T>[], row: WithRowKey<T>, next: T) => list.map((r) => (r === row ? { ...next, rowKey: row.rowKey } : r));

/** The text field an extraction reads its source from. */
const extractionField = { jsonPath: "path", header: "name", regex: "pattern" } as const;

/** One text property of a row, edited in place. */
function RowText<R extends object>({
  label,
  row,
  field,
  onChange,
  error,
  disabled,
}: {
  label: string;
  row: R;
  field: string;
  onChange: (row: R) => void;
  error: string | null;
  disabled?: boolean;
}) {
  return (
    <TextField
      label={label}
      value={String((row as Record<string, unknown>)[field] ?? "")}
      onChange={(e) => onChange({ ...row, [field]: e.target.value })}
      error={error}
      disabled={disabled}
    />
  );
}

const kindOf = (a: Assertion): AssertionKind => (a.kind === "body" && a.operator === "matches" ? "regex" : a.kind);
/** An expected value as typed: JSON when it reads as JSON (42, true, "a"), else the text itself. */
const typedValue = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
const shownValue = (value: unknown) => (value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));
const bodyTypeOf = (body: HttpParams["body"]): BodyType => (!body ? "none" : body.type === "text" ? "raw" : body.type);
const strip = <T extends object>({ rowKey: _, ...row }: WithRowKey<T>) => row as unknown as T;

function parse(text: string): HttpParams | null {
  try {
    const value = JSON.parse(text || "{}");
    return value && typeof value === "object" && !Array.isArray(value) ? (value as HttpParams) : null;
  } catch {
    return null;
  }
}

/**
 * An HTTP action edited as a form: method and URL, query parameters, headers, body, authentication,
 * checks and extractions as rows. It writes the action's JSON parameters; each field shows its own
 * problem, in words, as the server would report it.
 */
export function HttpRequestBuilder({
  paramsText,
  onChange,
  disabled,
  showErrors,
}: {
  paramsText: string;
  onChange: (text: string) => void;
  disabled?: boolean;
  showErrors: boolean;
}) {
  const { t, locale } = useI18n();
  const b = t.campaigns.builder;
  const [params, setParams] = useState<HttpParams | null>(() => parse(paramsText));
  const [assertions, setAssertions] = useState(() => (params?.assertions ?? []).map(withRowKey));
  const [extractions, setExtractions] = useState(() => (params?.extract ?? []).map(withRowKey));
  const [bodyType, setBodyType] = useState<BodyType>(() => bodyTypeOf(params?.body));
  const [jsonText, setJsonText] = useState(() => (params?.body?.type === "json" ? JSON.stringify(params.body.value, null, 2) : ""));
  const [jsonInvalid, setJsonInvalid] = useState(false);
  const radioGroup = useId();
  if (!params) return <p className="text-sm text-red-600">{b.unreadable}</p>;

  const write = (next: HttpParams) => {
    setParams(next);
    onChange(JSON.stringify(next, null, 2));
  };
  const set = (patch: Partial<HttpParams>) => write({ ...params, ...patch });
  const setRows = (nextAssertions = assertions, nextExtractions = extractions) => {
    setAssertions(nextAssertions);
    setExtractions(nextExtractions);
    write({ ...params, assertions: nextAssertions.map(strip), extract: nextExtractions.map(strip) });
  };

  // The issues the server would report, by field path inside the parameters.
  const problems = new Map<string, string>();
  if (showErrors) {
    for (const issue of httpParams.safeParse(templateProbe(params)).error?.issues ?? []) {
      const key = issue.path.join(".");
      if (!problems.has(key)) problems.set(key, issueTexts(issue)[locale]);
    }
  }
  const problem = (...path: (string | number)[]) => problems.get(path.join(".")) ?? null;

  const setBody = (type: BodyType) => {
    setBodyType(type);
    setJsonInvalid(false);
    if (type === "none") set({ body: undefined });
    else if (type === "json") {
      setJsonText("{}");
      set({ body: { type: "json", value: {} } });
    } else if (type === "form") set({ body: { type: "form", value: {} } });
    else set({ body: { type: "text", value: "", contentType: "text/plain" } });
  };
  const auth = params.auth;

  return (
    <div className="space-y-3" data-testid="http-builder">
      <div className="grid gap-2 md:grid-cols-[8rem_1fr]">
        <SelectField
          label={b.method}
          value={params.method ?? "GET"}
          onChange={(e) => set({ method: e.target.value as HttpParams["method"] })}
          disabled={disabled}
        >
          {httpMethods.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </SelectField>
        <TextField
          label={b.url}
          value={params.url ?? ""}
          onChange={(e) => set({ url: e.target.value })}
          hint={b.urlHint}
          error={problem("url")}
          disabled={disabled}
        />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <KeyValueRows legend={b.query} value={params.query} onChange={(query) => set({ query })} disabled={disabled} />
        <KeyValueRows legend={b.headers} value={params.headers} onChange={(headers) => set({ headers })} disabled={disabled} />
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{b.body}</legend>
        <div className="flex flex-wrap gap-3" role="radiogroup" aria-label={b.body}>
          {(["none", "json", "form", "raw"] as const).map((type) => (
            <label key={type} className="inline-flex items-center gap-1 text-sm">
              <input type="radio" name={radioGroup} checked={bodyType === type} onChange={() => setBody(type)} disabled={disabled} />
              {b.bodyTypes[type]}
            </label>
          ))}
        </div>
        {bodyType === "json" && (
          <TextAreaField
            label={b.bodyTypes.json}
            rows={5}
            value={jsonText}
            disabled={disabled}
            error={jsonInvalid ? t.campaigns.invalidJson : null}
            onChange={(e) => {
              setJsonText(e.target.value);
              try {
                set({ body: { type: "json", value: JSON.parse(e.target.value) } });
                setJsonInvalid(false);
              } catch {
                setJsonInvalid(true);
              }
            }}
          />
        )}
        {bodyType === "form" && params.body?.type === "form" && (
          <KeyValueRows legend={b.bodyTypes.form} value={params.body.value} onChange={(value) => set({ body: { type: "form", value } })} disabled={disabled} />
        )}
        {bodyType === "raw" && params.body?.type === "text" && (
          <div className="grid gap-2 md:grid-cols-[1fr_14rem]">
            <TextAreaField
              label={b.bodyTypes.raw}
              rows={4}
              value={params.body.value}
              disabled={disabled}
              onChange={(e) =>
                set({ body: { type: "text", value: e.target.value, contentType: params.body?.type === "text" ? params.body.contentType : "text/plain" } })
              }
            />
            <TextField
              label={b.contentType}
              value={params.body.contentType ?? "text/plain"}
              disabled={disabled}
              onChange={(e) => set({ body: { type: "text", value: params.body?.type === "text" ? params.body.value : "", contentType: e.target.value } })}
            />
          </div>
        )}
      </fieldset>

      <div className="grid gap-2 md:grid-cols-3">
        <SelectField
          label={b.auth}
          value={auth?.type ?? "none"}
          disabled={disabled}
          onChange={(e) =>
            set({
              auth:
                e.target.value === "bearer"
                  ? { type: "bearer", token: "" }
                  : e.target.value === "basic"
                    ? { type: "basic", username: "", password: "" }
                    : undefined,
            })
          }
        >
          {(["none", "bearer", "basic"] as const).map((type) => (
            <option key={type} value={type}>
              {b.authTypes[type]}
            </option>
          ))}
        </SelectField>
        {auth?.type === "bearer" && (
          <TextField
            label={b.token}
            value={auth.token}
            onChange={(e) => set({ auth: { type: "bearer", token: e.target.value } })}
            error={problem("auth", "token")}
            disabled={disabled}
          />
        )}
        {auth?.type === "basic" && (
          <>
            <TextField label={b.username} value={auth.username} onChange={(e) => set({ auth: { ...auth, username: e.target.value } })} disabled={disabled} />
            <TextField label={b.password} value={auth.password} onChange={(e) => set({ auth: { ...auth, password: e.target.value } })} disabled={disabled} />
          </>
        )}
      </div>

      <EditableRows
        legend={b.assertions}
        testId="assertion-rows"
        rowTestId="assertion-row"
        columns="md:grid-cols-[12rem_1fr_10rem_1fr_auto]"
        rows={assertions}
        disabled={disabled}
        onAdd={() => setRows([...assertions, withRowKey(blankAssertion.status)])}
        onRemove={(row) => setRows(assertions.filter((r) => r !== row))}
      >
        {(row, i, n) => {
          const kind = kindOf(row);
          const replace = (next: Assertion) => setRows(replaced(assertions, row, next));
          return (
            <>
              <SelectField
                label={`${b.assertions} ${n}`}
                value={kind}
                onChange={(e) => replace(blankAssertion[e.target.value as AssertionKind])}
                disabled={disabled}
              >
                {(Object.keys(blankAssertion) as AssertionKind[]).map((k) => (
                  <option key={k} value={k}>
                    {b.assertionKinds[k]}
                  </option>
                ))}
              </SelectField>
              {row.kind === "header" || row.kind === "jsonPath" ? (
                <RowText
                  label={row.kind === "header" ? b.headerName : b.path}
                  row={row}
                  field={row.kind === "header" ? "name" : "path"}
                  onChange={(next) => replace(next as Assertion)}
                  error={problem("assertions", i, row.kind === "header" ? "name" : "path")}
                  disabled={disabled}
                />
              ) : (
                <span />
              )}
              {operatorsFor[kind].length > 1 ? (
                <SelectField
                  label={b.operator}
                  value={(row as { operator?: string }).operator ?? operatorsFor[kind][0]}
                  onChange={(e) => replace({ ...row, operator: e.target.value } as Assertion)}
                  disabled={disabled}
                >
                  {operatorsFor[kind].map((op) => (
                    <option key={op} value={op}>
                      {b.operators[op]}
                    </option>
                  ))}
                </SelectField>
              ) : (
                <span />
              )}
              {row.kind === "responseTime" ? (
                <TextField
                  label={b.lessThanMs}
                  type="number"
                  value={row.lessThanMs}
                  onChange={(e) => replace({ ...row, lessThanMs: Number(e.target.value) })}
                  error={problem("assertions", i, "lessThanMs")}
                  disabled={disabled}
                />
              ) : kind === "regex" ? (
                <TextField
                  label={b.pattern}
                  value={shownValue(row.expected)}
                  onChange={(e) => replace({ ...row, expected: e.target.value } as Assertion)}
                  disabled={disabled}
                />
              ) : (
                <TextField
                  label={b.expected}
                  value={shownValue("expected" in row ? row.expected : undefined)}
                  onChange={(e) =>
                    replace({ ...row, expected: row.kind === "body" || row.kind === "header" ? e.target.value : typedValue(e.target.value) } as Assertion)
                  }
                  error={problem("assertions", i, "expected")}
                  disabled={disabled || ("operator" in row && (row.operator === "exists" || row.operator === "notExists"))}
                />
              )}
            </>
          );
        }}
      </EditableRows>

      <EditableRows
        legend={b.extract}
        testId="extraction-rows"
        rowTestId="extraction-row"
        columns="md:grid-cols-[10rem_1fr_1fr_auto]"
        rows={extractions}
        disabled={disabled}
        onAdd={() => setRows(assertions, [...extractions, withRowKey(blankExtraction.jsonPath)])}
        onRemove={(row) =>
          setRows(
            assertions,
            extractions.filter((r) => r !== row),
          )
        }
      >
        {(row, i, n) => {
          const replace = (next: Extraction) => setRows(assertions, replaced(extractions, row, next));
          return (
            <>
              <SelectField
                label={`${b.source} ${n}`}
                value={row.from}
                onChange={(e) => replace({ ...blankExtraction[e.target.value as Extraction["from"]], variable: row.variable })}
                disabled={disabled}
              >
                {(Object.keys(blankExtraction) as Extraction["from"][]).map((from) => (
                  <option key={from} value={from}>
                    {b.extractFrom[from]}
                  </option>
                ))}
              </SelectField>
              <RowText
                label={row.from === "jsonPath" ? b.path : row.from === "header" ? b.headerName : b.pattern}
                row={row}
                field={extractionField[row.from]}
                onChange={(next) => replace(next as Extraction)}
                error={problem("extract", i, extractionField[row.from])}
                disabled={disabled}
              />
              <TextField
                label={`${b.variable} ${n}`}
                value={row.variable}
                onChange={(e) => replace({ ...row, variable: e.target.value })}
                error={problem("extract", i, "variable")}
                disabled={disabled}
              />
            </>
          );
        }}
      </EditableRows>
      <CheckboxField
        label={b.followRedirects}
        checked={params.followRedirects ?? true}
        onChange={(e) => set({ followRedirects: e.target.checked })}
        disabled={disabled}
      />
    </div>
  );
}

/** Whether an HTTP action's parameters would be refused on save (the builder then shows why at each field). */
export function httpParamsRefused(paramsText: string): boolean {
  const params = parse(paramsText);
  return !params || !httpParams.safeParse(templateProbe(params)).success;
}

/** A list of rows edited in place (checks, extractions): each row's controls, a remove button, an add button. */
function EditableRows<R extends { rowKey: string }>({
  legend,
  testId,
  rowTestId,
  columns,
  rows,
  disabled,
  onAdd,
  onRemove,
  children,
}: {
  legend: string;
  testId: string;
  rowTestId: string;
  columns: string;
  rows: R[];
  disabled?: boolean;
  onAdd: () => void;
  onRemove: (row: R) => void;
  children: (row: R, index: number, n: number) => ReactNode;
}) {
  const { t } = useI18n();
  const b = t.campaigns.builder;
  return (
    <fieldset className="space-y-2" data-testid={testId}>
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{legend}</legend>
      {rows.map((row, i) => (
        <div key={row.rowKey} className={`grid items-end gap-2 rounded-md bg-slate-50 p-2 dark:bg-slate-900 ${columns}`} data-testid={rowTestId}>
          {children(row, i, i + 1)}
          {!disabled && (
            <Button size="sm" variant="ghost" onClick={() => onRemove(row)} aria-label={`${b.removeRow} ${legend} ${i + 1}`}>
              ✕
            </Button>
          )}
        </div>
      ))}
      {!disabled && (
        <Button size="sm" variant="secondary" onClick={onAdd}>
          {b.addRow} ({legend})
        </Button>
      )}
    </fieldset>
  );
}
