import sdk from "postman-collection";
import runtime, { type PostmanCursor, type PostmanRun } from "postman-runtime";
import { secretMasker } from "../variables";
import { toCollectionV2 } from "./collection";
import { collectionParts, REQUESTS_PER_PART, runsInParts } from "./collection-parts";
import { isDisabled } from "./environment";
import type { EnvironmentTls } from "../environment-tls";
import { TLS_FILES, withTlsFiles, workingDirFileResolver } from "./file-resolver";

import { type PostmanVariables, variablesOf } from "./variables-file";

export type { PostmanVariables } from "./variables-file";

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
  /** The environment's TLS: extra CA (Newman's --ssl-extra-ca-certs), client certificate and key (--ssl-client-cert, --ssl-client-key), insecure. */
  tls?: EnvironmentTls;
  timeoutRequestMs?: number;
  /** The whole run's time limit (Newman's --timeout). */
  timeoutMs?: number;
  /** Each script's time limit (Newman's --timeout-script). */
  timeoutScriptMs?: number;
  /** Do not follow redirects (Newman's --ignore-redirects). */
  ignoreRedirects?: boolean;
  /** Where uploaded files are read from (Newman's --working-dir); without it a run uploads no file. */
  workingDir?: string;
  signal?: AbortSignal;
  /** More values to mask in everything returned (a Vigie environment's secrets). */
  secrets?: string[];
  /** Requests per part of a long collection (`REQUESTS_PER_PART`; tests make parts small). */
  requestsPerPart?: number;
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

/** Called as the run goes: a worker writes each request's result and events from them. */
export type CollectionRunHooks = {
  /** A request item starts (before its pre-request scripts). */
  itemStarted?(execution: RequestExecution): void;
  /** A request item ended: its request made (or failed) and its test scripts run. */
  itemEnded?(execution: RequestExecution): void;
  /** A script's console output (masked). */
  console?(execution: RequestExecution | null, level: string, message: string): void;
  /** Keep every execution in the summary (the CLI's reports); a worker writes them as they end instead. */
  keepExecutions?: boolean;
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

type VariableScope = InstanceType<typeof sdk.VariableScope>;

function variableScope(file: PostmanVariables, overrides: Record<string, string> = {}): VariableScope {
  const scope = new sdk.VariableScope({ values: variablesOf(file).filter((v) => !isDisabled(v)) });
  for (const [key, value] of Object.entries(overrides)) scope.set(key, value, "string");
  return scope;
}

/** The values of every variable a file marks secret (Postman's "secret" type): masked in all output. */
function secretsOf(...files: PostmanVariables[]): string[] {
  return files.flatMap((f) =>
    variablesOf(f)
      .filter((v) => v.type === "secret" && typeof v.value === "string")
      .map((v) => v.value as string),
  );
}

/**
 * What goes on from one part of a run to the next, as one run of the whole collection would keep
 * it: the variable scopes as the last part's scripts left them, the cookie jar and the script
 * sandbox (scripts may leave globals for later ones).
 */
type CarriedState = {
  environment: VariableScope;
  globals: VariableScope;
  collectionVariables?: VariableScope;
  localVariables?: VariableScope;
  cookieJar?: unknown;
  host?: PostmanRun["host"];
  disposeHost?: () => void;
};

/**
 * Runs a Postman collection as Newman does, with Postman's own engine (postman-runtime: scripts in
 * its sandbox, auth helpers, body modes, cookies, dynamic variables, setNextRequest, iterations and
 * data files), and gathers what each request and assertion did. Secret variables are masked in
 * everything returned. A long collection runs in parts of `REQUESTS_PER_PART` requests, one after
 * the other with the state a single run would carry, when nothing in it can jump between parts.
 */
export async function runPostmanCollection(
  definition: unknown,
  options: CollectionRunOptions = {},
  hooks: CollectionRunHooks = {},
): Promise<CollectionRunSummary> {
  const v2 = toCollectionV2(definition)?.collection;
  const parts = v2 && runsInParts(v2, options) ? collectionParts(v2, options.requestsPerPart ?? REQUESTS_PER_PART) : [v2 ?? definition];
  const mask = secretMasker([...secretsOf(options.environment, options.globals), ...(options.secrets ?? [])]);
  const keep = hooks.keepExecutions !== false;
  const executions: RequestExecution[] = [];
  const failures: CollectionFailure[] = [];
  const current = new Map<string, RequestExecution>();
  const stats = { iterations: new Set<number>(), requests: 0, assertions: 0, failedAssertions: 0 };
  let aborted = false;
  let name = "";
  let running: PostmanRun | null = null;
  const stop = () => {
    aborted = true;
    running?.abort();
  };
  if (options.signal?.aborted) aborted = true;
  else options.signal?.addEventListener("abort", stop, { once: true });
  const sourceOf = (e: RequestExecution) => [...e.folders, e.item].join(" / ");
  // --bail: the runtime stops the part at the first failure; no later part starts.
  const bailed = () => options.bail === true && failures.length > 0;
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
      if (keep) executions.push(e);
      stats.iterations.add(cursor.iteration);
    }
    return e;
  };
  // Shared by every part: the sandbox's own listeners (console, assertions, exceptions) stay bound to the first part's.
  const callbacks = {
    beforeItem: (_err: Error | null, cursor: PostmanCursor, item: PostmanItem) => hooks.itemStarted?.(executionAt(cursor, item)),
    item: (_err: Error | null, cursor: PostmanCursor, item: PostmanItem) => {
      const e = executionAt(cursor, item);
      current.delete(cursor.ref);
      hooks.itemEnded?.(e);
    },
    console: (cursor: PostmanCursor, level: string, ...messages: unknown[]) => {
      const text = messages.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ");
      hooks.console?.(current.get(cursor.ref) ?? null, level, mask(text));
    },
    request: (err: Error | null, cursor: PostmanCursor, response: PostmanResponse, request: PostmanRequest, item: PostmanItem) => {
      const e = executionAt(cursor, item);
      if (!e.method) stats.requests++;
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
        stats.assertions++;
        if (!a.passed && !a.skipped) stats.failedAssertions++;
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
  };

  const state: CarriedState = { environment: variableScope(options.environment, options.envVars), globals: variableScope(options.globals) };
  try {
    for (const part of parts) {
      if (aborted || bailed()) break;
      const collection = new sdk.Collection(part);
      name ||= collection.name;
      if (state.collectionVariables) collection.variables = state.collectionVariables;
      await runPart(
        collection,
        options,
        state,
        (run) => {
          running = run;
          if (aborted) queueMicrotask(() => run.abort());
        },
        callbacks,
      );
      running = null;
    }
  } finally {
    options.signal?.removeEventListener("abort", stop);
    state.disposeHost?.();
  }
  return {
    collection: name,
    executions,
    failures,
    stats: { ...stats, iterations: stats.iterations.size },
    aborted: aborted || bailed(),
  };
}

/** One postman-runtime run of a collection (or a part of one), from the state the previous part left, which it updates. */
function runPart(
  collection: InstanceType<typeof sdk.Collection>,
  options: CollectionRunOptions,
  state: CarriedState,
  started: (run: PostmanRun) => void,
  callbacks: Record<string, (...args: never[]) => void>,
): Promise<void> {
  const tls = options.tls ?? { insecure: false };
  const files = options.workingDir ? workingDirFileResolver(options.workingDir) : undefined;
  return new Promise((resolve, reject) => {
    new runtime.Runner().run(
      collection,
      {
        stopOnFailure: options.bail ?? false,
        iterationCount: options.iterationCount,
        data: options.iterationData,
        environment: state.environment,
        globals: state.globals,
        localVariables: state.localVariables,
        entrypoint: options.folders?.length
          ? {
              execute: options.folders.length === 1 ? options.folders[0] : options.folders,
              lookupStrategy: options.folders.length > 1 ? "multipleIdOrName" : undefined,
            }
          : undefined,
        timeout: { global: options.timeoutMs ?? 0, request: options.timeoutRequestMs ?? 0, script: options.timeoutScriptMs ?? 0 },
        fileResolver: tls.ca || tls.cert ? withTlsFiles(files, { ca: tls.ca, cert: tls.cert, key: tls.key }) : files,
        certificates: tls.cert
          ? new sdk.CertificateList({}, [{ name: "environment", matches: ["https://*:*/*"], cert: { src: TLS_FILES.cert }, key: { src: TLS_FILES.key } }])
          : undefined,
        requester: {
          useWhatWGUrlParser: true,
          strictSSL: options.insecure || tls.insecure ? false : undefined,
          extendedRootCA: tls.ca ? TLS_FILES.ca : undefined,
          followRedirects: options.ignoreRedirects ? false : undefined,
          cookieJar: state.cookieJar,
        },
      },
      (err, run) => {
        if (err) return reject(err);
        // The runtime makes a sandbox for a run that has none and disposes of it when the run ends: the first part's is kept for the others.
        if (state.host) run.host = state.host;
        started(run);
        run.start({
          ...callbacks,
          start: () => {
            if (state.host || !run.host) return;
            const host = run.host;
            state.host = host;
            state.disposeHost = host.dispose.bind(host);
            host.dispose = () => undefined;
          },
          done: (err: Error | null) => {
            if (err) return reject(err);
            state.environment = run.state.environment;
            state.globals = run.state.globals;
            state.collectionVariables = run.state.collectionVariables;
            state.localVariables = run.state._variables;
            state.cookieJar = run.requester?.options.cookieJar;
            resolve();
          },
        });
      },
    );
  });
}
