import "server-only";
import { createDb, type Db } from "../platform/db/client";
import { databaseUrl } from "../platform/env";

// One client per web process; kept on globalThis so hot reload in development does not leak pools.
const globalForDb = globalThis as unknown as { vigieDb?: Db };

function instance(): Db {
  globalForDb.vigieDb ??= createDb(databaseUrl());
  return globalForDb.vigieDb;
}

/** Created on first use, so that `next build` can load route modules without a database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const real = instance();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
