// Loads Prisma's schema engine compiled to WebAssembly, bound to a PostgreSQL connection through the
// pg driver adapter. The Prisma CLI would download a native engine at start; this never touches the
// network. We instantiate the .wasm ourselves so no Node flag (--experimental-wasm-modules) is needed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

// Node has WebAssembly; our TypeScript lib list (no DOM) does not declare it, so type what we use.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type EngineModule = typeof import('@prisma/schema-engine-wasm') & {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
};

let loaded: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as EngineModule;
    const bytes = await readFile(gluePath.replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm'));
    // The engine arms timers (connection housekeeping) that would keep a CLI alive for seconds after
    // its work is done; unref them so they never hold the process open.
    const imports: Record<string, unknown> = { ...glue };
    for (const [name, fn] of Object.entries(glue)) {
      if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
        imports[name] = (...args: unknown[]) => {
          const timer = (fn as (...a: unknown[]) => { unref?: () => void })(...args);
          timer?.unref?.();
          return timer;
        };
      }
    }
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return loaded;
}

// PostgreSQL's internal one-byte "char" type (OID 18, e.g. pg_attribute.attidentity) is not mapped by
// the pg driver adapter, so the engine's schema describer fails on it. Its text form is the character
// itself, so reporting it as text (OID 25) is exact.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function charAsText(res: pg.QueryResult | undefined): void {
  for (const field of res?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
}

class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === 'function') {
      // Callback form, used by pg.Pool#query.
      args[args.length - 1] = (err: Error | null, res: pg.QueryResult) => {
        charAsText(res);
        (last as (e: Error | null, r: pg.QueryResult) => void)(err, res);
      };
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.then((res: pg.QueryResult) => {
        charAsText(res);
        return res;
      }) as never;
    }
    return result as never;
  }
}

// The adapter runs migration scripts by splitting them on ';', which breaks dollar-quoted bodies
// (DO blocks, functions). PostgreSQL's simple-query protocol takes a whole script in one round trip,
// and runs it as one implicit transaction, so a failing migration leaves nothing half-applied.
class WholeScriptPrismaPg extends PrismaPg {
  readonly pools: pg.Pool[] = [];

  override async connect(): ReturnType<PrismaPg['connect']> {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver();
    this.pools.push(pool);
    const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        onError(error);
      }
    };
    return adapter;
  }
}

export interface EngineOptions {
  connectionString: string;
  /** Prisma schema text; some engine commands read the provider from it. */
  datamodel: string;
  log?: (message: string) => void;
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections (an open pool would keep the process alive). */
  close: () => Promise<void>;
}

export async function openSchemaEngine(options: EngineOptions): Promise<OpenEngine> {
  const module = await loadEngineModule();
  const factory = new WholeScriptPrismaPg({ connectionString: options.connectionString, Client: CharAsTextClient, max: 2 });
  const log = options.log ?? (() => {});
  const engine = await module.SchemaEngine.new(
    { datamodels: [['schema.prisma', options.datamodel]] },
    log,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(factory.pools.map((pool) => pool.end().catch(() => {})));
    },
  };
}

export async function schemaEngineVersion(): Promise<string> {
  return (await loadEngineModule()).version();
}
