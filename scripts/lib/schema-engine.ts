import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";

type BindgenModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

export const noSchemaFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

let engineModule: Promise<BindgenModule> | undefined;

/**
 * Prisma's schema engine compiled to WebAssembly. Its package entry point imports the .wasm as an
 * ES module, which Node 20 cannot do, so the module is instantiated by hand against the bindgen glue.
 */
function loadEngineModule(): Promise<BindgenModule> {
  engineModule ??= (async () => {
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as BindgenModule;
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = await readFile(join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    // The engine reports panics through this global before throwing.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= { set_message: () => {} };
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

/**
 * Development only (writing a migration, the drift test): the running application applies
 * migrations with its own runner (src/platform/db/migrate.ts).
 *
 * Runs `use` with a schema engine on the database at `databaseUrl`, then frees the engine and
 * closes its connections (closing them also releases the advisory lock Prisma's migrator holds).
 */
export async function withSchemaEngine<T>(databaseUrl: string, datamodels: [string, string][], use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const glue = await loadEngineModule();
  const pg = new PrismaPg({ connectionString: databaseUrl, max: 2 });
  const opened: PgAdapter[] = [];
  const track = (adapter: PgAdapter) => {
    opened.push(adapter);
    return wholeScripts(adapter);
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: async () => track(await pg.connect()),
    connectToShadowDb: async () => track(await pg.connectToShadowDb()),
  };
  // The engine calls the adapter's methods unbound and expects Result values: the binder provides both.
  const engine = await glue.SchemaEngine.new({ datamodels }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await use(engine);
  } finally {
    engine.free();
    await Promise.all(
      opened.map((a) =>
        a
          .dispose()
          .then(() => a.underlyingDriver().end())
          .catch(() => {}),
      ),
    );
  }
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * The pg adapter runs a migration script by splitting it on every ";", which breaks function
 * bodies and applies half a script when a statement fails. PostgreSQL's simple query protocol
 * runs the whole script at once, in one implicit transaction, as `prisma migrate deploy` does.
 */
function wholeScripts(adapter: PgAdapter): PgAdapter {
  const toDriverError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      toDriverError(error);
    }
  };
  return adapter;
}
