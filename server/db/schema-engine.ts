import "server-only";

import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import type * as WasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

/**
 * Prisma's schema engine (the part of the Prisma CLI behind `migrate` and `db diff`) run as
 * WebAssembly from the npm package `@prisma/schema-engine-wasm`, talking to PostgreSQL through
 * `@prisma/adapter-pg`. The CLI's native engine is a download from a host our machines cannot
 * reach; this route needs nothing but node_modules.
 *
 * `@prisma/adapter-pg@7.10.1` has three bugs on this route, fixed by the wrappers below:
 *  1. `connectToShadowDb` connects to the main database (pg lets the connection string's database
 *     override the `database` option), so migrations would be replayed into the real database.
 *     We create a throwaway database ourselves and drop it when the engine disposes it.
 *  2. Reading a schema fails on PostgreSQL `"char"` columns (OID 18: pg_class.relkind,
 *     pg_constraint.contype, ...): "Column type 'char' could not be deserialized". We report them
 *     as character columns.
 *  3. `executeScript` splits the script on every `;` and runs the pieces one by one: a failing
 *     migration leaves half its statements applied and `$$` function bodies are cut apart. We send
 *     the whole script as one simple-protocol query, which PostgreSQL runs as one implicit
 *     transaction (what the native engine does).
 */

export type SchemaEngine = WasmBindings.SchemaEngine;
export type {
  DiffParams,
  DiffTarget,
  MigrationDirectory,
  MigrationList,
  SchemaContainer,
  SchemaFilter,
} from "@prisma/schema-engine-wasm/schema_engine_bg";

/** Prefix of the throwaway shadow databases; leftovers of a killed process can be dropped by it. */
export const SHADOW_DATABASE_PREFIX = "jangkau_shadow_";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

// ---------------------------------------------------------------------------------------------
// Loading the WebAssembly module

type WasmModule = typeof WasmBindings;

interface PanicRegistry {
  set_message(message: string): void;
}

let wasmModule: Promise<WasmModule> | null = null;
let lastPanic: string | null = null;

function resolveWasmFile(): string {
  const candidates: string[] = [];
  try {
    const require = createRequire(import.meta.url);
    candidates.push(
      path.join(/*turbopackIgnore: true*/ 
        path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
        "schema_engine_bg.wasm",
      ),
    );
  } catch {
    // bundled code may have no usable import.meta.url: fall back to the project's node_modules
  }
  candidates.push(
    path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@prisma", "schema-engine-wasm", "schema_engine_bg.wasm"),
  );
  return candidates.find((file) => existsSync(/*turbopackIgnore: true*/ file)) ?? (candidates[0] as string);
}

/**
 * The engine arms 10-second timers (query time-outs) that are still pending when it is done,
 * which kept every CLI command alive for ten idle seconds. Unref'd, they fire if the process is
 * still running anyway but never hold it open.
 */
function unrefTimers<T extends object>(bindings: T): T {
  const imports = { ...bindings } as Record<string, unknown>;
  for (const [name, value] of Object.entries(imports)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof value === "function") {
      imports[name] = (...args: unknown[]) => {
        const timer = (value as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
  }
  return imports as T;
}

async function instantiate(): Promise<WasmModule> {
  const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(/*turbopackIgnore: true*/ resolveWasmFile());
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": unrefTimers(bindings) });
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanic = message;
    },
  };
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bindings;
}

/**
 * The wasm bindings, instantiated once per process. (Not again after a Rust panic: the bindings
 * module caches views of the first instance's memory, so a second instance would be misread.
 * A panic is an engine bug; its message is added to the error, see withPanic.)
 */
async function loadWasm(): Promise<WasmModule> {
  wasmModule ??= instantiate().catch((error: unknown) => {
    wasmModule = null;
    throw error;
  });
  return wasmModule;
}

// ---------------------------------------------------------------------------------------------
// Bug 2: "char" columns. pg hands us the row description; the adapter maps it to column types and
// throws on OID 18. Our pg.Client marks such columns as text (so the adapter accepts them) and
// remembers their positions keyed by the rows array, which the adapter passes through unchanged;
// the adapter wrapper then reports those columns as Character.

const charColumnsByRows = new WeakMap<object, number[]>();

interface PgResultLike {
  rows?: unknown;
  fields?: Array<{ dataTypeID: number }>;
}

function noteCharColumns<T>(result: T): T {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  for (const r of results) {
    const res = r as PgResultLike | null;
    if (!res || !Array.isArray(res.fields) || typeof res.rows !== "object" || res.rows === null) continue;
    const positions: number[] = [];
    res.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        positions.push(i);
      }
    });
    if (positions.length > 0) charColumnsByRows.set(res.rows, positions);
  }
  return result;
}

type AnyQuery = (...args: unknown[]) => unknown;
type ResultCallback = (err: unknown, res: unknown) => void;

class CharAwareClient extends pg.Client {
  // pg.Client#query has many overloads; pg.Pool calls it with a callback, the adapter's
  // transactions with a promise. Both results go through noteCharColumns.
  override query(...args: unknown[]): never {
    for (let i = args.length - 1; i >= 1; i--) {
      const callback = args[i];
      if (typeof callback === "function") {
        args[i] = (err: unknown, res: unknown) =>
          (callback as ResultCallback)(err, err ? res : noteCharColumns(res));
        break;
      }
    }
    const ret = (pg.Client.prototype.query as AnyQuery).apply(this, args);
    return (ret instanceof Promise ? ret.then(noteCharColumns) : ret) as never;
  }
}

function reportCharColumns(result: SqlResultSet): SqlResultSet {
  const positions = charColumnsByRows.get(result.rows);
  if (positions) {
    for (const i of positions) result.columnTypes[i] = ColumnTypeEnum.Character;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Adapter wrappers

class FixedTransaction implements Transaction {
  readonly provider: Transaction["provider"];
  readonly adapterName: string;
  readonly options: Transaction["options"];
  createSavepoint?: (name: string) => Promise<void>;
  rollbackToSavepoint?: (name: string) => Promise<void>;
  releaseSavepoint?: (name: string) => Promise<void>;

  constructor(private readonly inner: Transaction) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
    const { createSavepoint, rollbackToSavepoint, releaseSavepoint } = inner;
    if (createSavepoint) this.createSavepoint = (name) => createSavepoint.call(inner, name);
    if (rollbackToSavepoint) this.rollbackToSavepoint = (name) => rollbackToSavepoint.call(inner, name);
    if (releaseSavepoint) this.releaseSavepoint = (name) => releaseSavepoint.call(inner, name);
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return reportCharColumns(await this.inner.queryRaw(query));
  }
  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }
  commit(): Promise<void> {
    return this.inner.commit();
  }
  rollback(): Promise<void> {
    return this.inner.rollback();
  }
}

class FixedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  private disposed: Promise<void> | null = null;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly afterDispose?: () => Promise<void>,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return reportCharColumns(await this.inner.queryRaw(query));
  }
  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }
  /**
   * The whole script as one query without parameters: pg sends it with the simple query protocol,
   * PostgreSQL runs all its statements in one implicit transaction, and the adapter still turns a
   * failure into a DriverAdapterError the engine can report.
   */
  async executeScript(script: string): Promise<void> {
    await this.inner.executeRaw({ sql: script, args: [], argTypes: [] });
  }
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return new FixedTransaction(await this.inner.startTransaction(isolationLevel));
  }
  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }
  /** Idempotent: the engine disposes its connections, and so does closeSchemaEngine. */
  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      try {
        await this.inner.dispose();
      } finally {
        await this.afterDispose?.();
      }
    })();
    return this.disposed;
  }
}

/** The connection string with another database name. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database next to `databaseUrl`'s; `drop()` removes it even with open sessions. */
export async function createShadowDatabase(
  databaseUrl: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${SHADOW_DATABASE_PREFIX}${randomUUID().replaceAll("-", "")}`;
  await withClient(databaseUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  let dropped: Promise<void> | null = null;
  return {
    name,
    url: withDatabase(databaseUrl, name),
    drop: () => {
      dropped ??= withClient(databaseUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}

/**
 * A migration-aware adapter factory for `databaseUrl` with the three fixes. Every adapter it hands
 * out is tracked so `disposeAll()` can release pools (and drop shadow databases) the engine left open.
 */
export function createMigrationAdapterFactory(
  databaseUrl: string,
): SqlMigrationAwareDriverAdapterFactory & { disposeAll(): Promise<void> } {
  const open = new Set<FixedAdapter>();

  async function connectTo(url: string, afterDispose?: () => Promise<void>): Promise<FixedAdapter> {
    const factory = new PrismaPg({ connectionString: url, Client: CharAwareClient, max: 4 });
    let inner: SqlDriverAdapter;
    try {
      inner = await factory.connect();
    } catch (error) {
      await afterDispose?.();
      throw error;
    }
    const adapter = new FixedAdapter(inner, async () => {
      open.delete(adapter);
      await afterDispose?.();
    });
    open.add(adapter);
    return adapter;
  }

  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectTo(databaseUrl),
    async connectToShadowDb() {
      const shadow = await createShadowDatabase(databaseUrl);
      return connectTo(shadow.url, shadow.drop);
    },
    async disposeAll() {
      await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The engine

export interface SchemaEngineSession {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection (and shadow database) it opened. */
  close(): Promise<void>;
}

export interface OpenSchemaEngineOptions {
  databaseUrl: string;
  /** Prisma schema files as [absolute path, content]; none needed to apply migrations. */
  schemaFiles?: Array<{ path: string; content: string }>;
  /** Receives the engine's log lines (INFO and above) as text. */
  log?: (message: string) => void;
}

function formatEngineLog(line: unknown): string | null {
  if (typeof line !== "string") return null;
  try {
    const parsed = JSON.parse(line) as { level?: string; fields?: Record<string, unknown> };
    const level = parsed.level ?? "INFO";
    if (level === "DEBUG" || level === "TRACE") return null;
    const rest = { ...parsed.fields };
    const message = rest.message;
    delete rest.message;
    delete rest.script; // the whole migration, on "Applying ...": too long for a log line
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : "";
    return `schema-engine ${level}: ${String(message ?? "")}${extra}`;
  } catch {
    return `schema-engine: ${line.trim()}`;
  }
}

export async function openSchemaEngine(options: OpenSchemaEngineOptions): Promise<SchemaEngineSession> {
  const wasm = await loadWasm();
  const factory = createMigrationAdapterFactory(options.databaseUrl);
  const log = options.log;
  let engine: SchemaEngine;
  try {
    engine = await wasm.SchemaEngine.new(
      { datamodels: options.schemaFiles?.map((f): [string, string] => [f.path, f.content]) },
      (line: unknown) => {
        if (!log) return;
        const text = formatEngineLog(line);
        if (text) log(text);
      },
      bindMigrationAwareSqlAdapterFactory(factory),
    );
  } catch (error) {
    await factory.disposeAll();
    throw withPanic(error);
  }
  let closed: Promise<void> | null = null;
  return {
    engine,
    close() {
      closed ??= (async () => {
        try {
          engine.free();
        } finally {
          await factory.disposeAll();
        }
      })();
      return closed;
    },
  };
}

/** Adds the Rust panic message, when there was one, to an engine error. */
export function withPanic(error: unknown): unknown {
  if (lastPanic && error instanceof Error && !error.message.includes(lastPanic)) {
    error.message = `${error.message} (schema engine panic: ${lastPanic})`;
  }
  lastPanic = null;
  return error;
}

/** Runs `fn` with a fresh engine and always closes it. */
export async function withSchemaEngine<T>(
  options: OpenSchemaEngineOptions,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const session = await openSchemaEngine(options);
  try {
    return await fn(session.engine);
  } catch (error) {
    throw withPanic(error);
  } finally {
    await session.close();
  }
}
