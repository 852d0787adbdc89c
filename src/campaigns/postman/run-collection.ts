import sdk from "postman-collection";
import runtime, { type PostmanCursor } from "postman-runtime";
import { secretMasker } from "../variables";

/** A Postman environment or globals file: `values` of `{ key, value, type, enabled }`. */
export type PostmanVariables = { values?: { key: string; value?: unknown; type?: string; enabled?: boolean }[] } | undefined;

export type CollectionRunOptions = {
  environment?: PostmanVariables;
  globals?: PostmanVariables;
  /** One object per iteration (a JSON array or the rows of a CSV data file). */
  iterationData?: Record<string, unknown>[];
  iterationCount?: number;
  /** Run only these folders (by name or id), as Newman's --folder. */
  folders?: string[];
  /** --env-var k=v: set over the environment file. */
  envVars?: Record<string, string>;
  /** --bail: stop at the first failed assertion or request error. */
  bail?: boolean;
  /** -k: accept any TLS certificate. */
  insecure?: boolean;
  timeoutRequestMs?: number;
  signal?: AbortSignal;
};

export type AssertionOutcome = { name: string; passed: boolean; skipped: boolean; error: string | null };

/** One request of the run, with what its scripts asserted. */
export type RequestExecution = {
  iteration: number;
  item: string;
  /** Folders from the collection down to the item. */
  folders: string[];
  method: string;
  url: string;
  status: number | null;
  responseTimeMs: number | null;
  /** The request could not be made (refused connection, timeout…). */
  error: string | null;
  assertions: AssertionOutcome[];
  /** Exceptions thrown by its pre-request or test scripts. */
  scriptErrors: string[];
};

export type CollectionFailure = { iteration: number; source: string; kind: "assertion" | "request" | "script"; message: string };

export type CollectionRunSummary = {
  collection: string;
  executions: RequestExecution[];
  failures: CollectionFailure[];
  stats: { iterations: number; requests: number; assertions: number; failedAssertions: number };
  /** The run stopped early (--bail, a cancellation). */
  aborted: boolean;
};

type PostmanItem = { name: string; id: string; parent?: () => PostmanItem | undefined };
type PostmanResponse = { code: number; responseTime: number } | undefined;
type PostmanRequest = { method: string; url: { toString(): string } } | undefined;
type PostmanAssertion = { name: string; passed: boolean; skipped: boolean; error?: { message?: string } };

function foldersOf(item: PostmanItem): string[] {
  const folders: string[] = [];
  // The collection itself is the last parent: it is not a folder.
  for (let p = item.parent?.(); p?.parent?.(); p = p.parent()) folders.unshift(p.name);
  return folders;
}

function variableScope(file: PostmanVariables, overrides: Record<string, string> = {}) {
  const scope = new sdk.VariableScope({ values: (file?.values ?? []).filter((v) => v.enabled !== false) });
  for (const [key, value] of Object.entries(overrides)) scope.set(key, value, "string");
  return scope;
}

/** The values of every variable a file marks secret (Postman's "secret" type): masked in all output. */
function secretsOf(...files: PostmanVariables[]): string[] {
  return files.flatMap((f) => (f?.values ?? []).filter((v) => v.type === "secret" && typeof v.value === "string").map((v) => v.value as string));
}

/**
 * Runs a Postman collection as Newman does, with Postman's own engine (postman-runtime: scripts in
 * its sandbox, auth helpers, body modes, cookies, dynamic variables, setNextRequest, iterations and
 * data files), and gathers what each request and assertion did. Secret variables are masked in
 * everything returned.
 */
export function runPostmanCollection(definition: unknown, options: CollectionRunOptions = {}): Promise<CollectionRunSummary> {
  const collection = new sdk.Collection(definition);
  const mask = secretMasker(secretsOf(options.environment, options.globals));
  const executions: RequestExecution[] = [];
  const failures: CollectionFailure[] = [];
  const current = new Map<string, RequestExecution>();
  let aborted = false;
  const sourceOf = (e: RequestExecution) => [...e.folders, e.item].join(" / ");

  return new Promise((resolve, reject) => {
    new runtime.Runner().run(
      collection,
      {
        stopOnFailure: options.bail ?? false,
        iterationCount: options.iterationCount,
        data: options.iterationData,
        environment: variableScope(options.environment, options.envVars),
        globals: variableScope(options.globals),
        entrypoint: options.folders?.length
          ? {
              execute: options.folders.length === 1 ? options.folders[0] : options.folders,
              lookupStrategy: options.folders.length > 1 ? "multipleIdOrName" : undefined,
            }
          : undefined,
        timeout: { request: options.timeoutRequestMs ?? 0 },
        requester: { useWhatWGUrlParser: true, strictSSL: options.insecure ? false : undefined },
      },
      (err, run) => {
        if (err) return reject(err);
        options.signal?.addEventListener("abort", () => {
          aborted = true;
          run.abort();
        });
        const executionAt = (cursor: PostmanCursor, item?: PostmanItem): RequestExecution => {
          let e = current.get(cursor.ref);
          if (!e) {
            e = {
              iteration: cursor.iteration,
              item: item?.name ?? "",
              folders: item ? foldersOf(item) : [],
              method: "",
              url: "",
              status: null,
              responseTimeMs: null,
              error: null,
              assertions: [],
              scriptErrors: [],
            };
            current.set(cursor.ref, e);
            executions.push(e);
          }
          return e;
        };
        run.start({
          beforeItem: (_err: Error | null, cursor: PostmanCursor, item: PostmanItem) => void executionAt(cursor, item),
          request: (err: Error | null, cursor: PostmanCursor, response: PostmanResponse, request: PostmanRequest, item: PostmanItem) => {
            const e = executionAt(cursor, item);
            e.method = request?.method ?? "";
            e.url = mask(request?.url.toString() ?? "");
            e.status = response?.code ?? null;
            e.responseTimeMs = response?.responseTime ?? null;
            if (err) {
              e.error = mask(err.message);
              failures.push({ iteration: cursor.iteration, source: sourceOf(e), kind: "request", message: e.error });
            }
          },
          assertion: (cursor: PostmanCursor, assertions: PostmanAssertion[]) => {
            const e = executionAt(cursor);
            for (const a of assertions) {
              const outcome = { name: mask(a.name), passed: a.passed, skipped: a.skipped, error: a.error?.message ? mask(a.error.message) : null };
              e.assertions.push(outcome);
              if (!a.passed && !a.skipped)
                failures.push({
                  iteration: cursor.iteration,
                  source: sourceOf(e),
                  kind: "assertion",
                  message: `${outcome.name}: ${outcome.error ?? "failed"}`,
                });
            }
          },
          exception: (cursor: PostmanCursor, err: Error) => {
            const e = executionAt(cursor);
            const message = mask(`${err.name ?? "Error"}: ${err.message}`);
            e.scriptErrors.push(message);
            failures.push({ iteration: cursor.iteration, source: sourceOf(e), kind: "script", message });
          },
          done: (err: Error | null) => {
            if (err) return reject(err);
            const assertions = executions.flatMap((e) => e.assertions);
            resolve({
              collection: collection.name,
              executions,
              failures,
              stats: {
                iterations: new Set(executions.map((e) => e.iteration)).size,
                requests: executions.filter((e) => e.method).length,
                assertions: assertions.length,
                failedAssertions: assertions.filter((a) => !a.passed && !a.skipped).length,
              },
              aborted: aborted || (options.bail === true && failures.length > 0),
            });
          },
        });
      },
    );
  });
}
