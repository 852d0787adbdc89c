// The parts of postman-runtime and postman-collection (plain JavaScript packages) Vigie uses.
// Both are CommonJS: imported whole (their default export), as Node's ESM loader cannot name their exports.
declare module "postman-runtime" {
  class Runner {
    run(collection: unknown, options: Record<string, unknown>, callback: (err: Error | null, run: PostmanRun) => void): void;
  }
  const runtime: { Runner: typeof Runner };
  export default runtime;
  export type PostmanCursor = { iteration: number; position: number; ref: string };
  /** A script sandbox (postman-sandbox's context). */
  type SandboxHost = { dispose(): void };
  /** The scopes a run's scripts read and change (postman-collection VariableScopes). */
  type Scope = InstanceType<typeof import("postman-collection")["default"]["VariableScope"]>;
  type RunScopes = { environment: Scope; globals: Scope; collectionVariables: Scope; _variables: Scope };
  export type PostmanRun = {
    start(callbacks: Record<string, (...args: never[]) => void>): void;
    abort(): void;
    /** Internal to the runtime: the sandbox, made when the run starts unless already set. */
    host?: SandboxHost;
    /** Internal to the runtime: the scopes as the run's scripts left them. */
    state: RunScopes;
    /** Internal to the runtime: the requester pool, with the run's cookie jar. */
    requester?: { options: { cookieJar: unknown } };
  };
}

declare module "postman-collection" {
  class Collection {
    constructor(definition: unknown);
    name: string;
    /** A VariableList from the definition; the runtime also takes a VariableScope here. */
    variables: unknown;
  }
  class VariableScope {
    constructor(definition: unknown);
    set(key: string, value: unknown, type?: string): void;
    toObject(): Record<string, unknown>;
  }
  /** Client certificates by the URLs they apply to; each file read through the run's file resolver. */
  class CertificateList {
    constructor(parent: unknown, certificates: { name?: string; matches: string[]; cert: { src: string }; key?: { src: string } }[]);
  }
  const sdk: { Collection: typeof Collection; VariableScope: typeof VariableScope; CertificateList: typeof CertificateList };
  export default sdk;
}

declare module "postman-collection-transformer" {
  const transformer: {
    convert(collection: unknown, options: { inputVersion: string; outputVersion: string }, done: (err: Error | null, converted: unknown) => void): void;
  };
  export default transformer;
}
