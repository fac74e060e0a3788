import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineModule from '@prisma/schema-engine-wasm/schema_engine_bg';

// Prisma's schema engine compiled to WebAssembly, so that migrations run
// without the native binary, which cannot be downloaded on every machine.
// The package's main module imports its .wasm file directly, which Node 20
// only allows behind --experimental-wasm-modules, so the module is wired up
// by hand here the way the generated glue code would do it.
let initialized = false;

function initializeWasm(): void {
  if (initialized) return;
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, {
    './schema_engine_bg.js': engineModule as unknown as WebAssembly.ModuleImports,
  });
  const glue = engineModule as unknown as { __wbg_set_wasm(exports: WebAssembly.Exports): void };
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  initialized = true;
}

export type SchemaEngine = engineModule.SchemaEngine;

export const noFilters = { externalTables: [], externalEnums: [] };

/** Opens a schema engine on the database behind `adapterFactory`. */
export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
): Promise<SchemaEngine> {
  initializeWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);

  return engineModule.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, bound);
}
