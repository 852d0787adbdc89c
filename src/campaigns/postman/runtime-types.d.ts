// The parts of postman-runtime and postman-collection (plain JavaScript packages) Vigie uses.
declare module "postman-runtime" {
  export class Runner {
    run(collection: unknown, options: Record<string, unknown>, callback: (err: Error | null, run: PostmanRun) => void): void;
  }
  export type PostmanCursor = { iteration: number; position: number; ref: string };
  export type PostmanRun = {
    start(callbacks: Record<string, (...args: never[]) => void>): void;
    abort(): void;
  };
}

declare module "postman-collection" {
  export class Collection {
    constructor(definition: unknown);
    name: string;
  }
  export class VariableScope {
    constructor(definition: unknown);
    set(key: string, value: unknown, type?: string): void;
    toObject(): Record<string, unknown>;
  }
}
