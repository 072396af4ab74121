import "server-only";
import { z } from "zod";

/**
 * Every environment variable Jangkau reads, in one place, validated: the rest of the code asks
 * `config()` and never reads `process.env` itself. A bad value stops the start with a message
 * naming the variable (Indonesian first, English in brackets), instead of a silent default or a
 * failure on the first request that needs it. Documented in docs/configuration.md; a test checks
 * that the two name the same variables.
 *
 * Exceptions, each for a reason: the launchers `cli/bin.mjs` and `scripts/next-server.mjs` are
 * plain JavaScript that runs before TypeScript loads (they read `JANGKAU_CLI_MAX_HEAP_MB`, `PORT`,
 * `JANGKAU_HOST`, `JANGKAU_WEB_PROCESSES` directly, declared here all the same); `proxy.ts`,
 * bundled apart from server-only modules, reads `NEXTAUTH_URL` for HSTS; Next's own `NODE_ENV` and `NEXT_RUNTIME`; benchmarks'
 * `BENCH_*` and the test runners' `CI`, `JANGKAU_E2E_*`.
 */

const blankIsUnset = (value: unknown) => (typeof value === "string" ? (value.trim() === "" ? undefined : value.trim()) : value);

function text() {
  return z.preprocess(blankIsUnset, z.string().optional());
}

function textOr(fallback: string) {
  return text().transform((value) => value ?? fallback);
}

/** A whole number; `.` and `_` may group digits (`50.000`, `1_000_000`). Never echoes secrets: numbers only. */
function wholeNumber(fallback: number, min: number, max: number) {
  const message = `harus bilangan bulat ${min}–${max} (must be a whole number from ${min} to ${max})`;
  return z
    .preprocess(
      blankIsUnset,
      z
        .string()
        .regex(/^\d[\d._]*$/, { error: message })
        .transform((value) => Number(value.replace(/[._]/g, "")))
        .pipe(z.number().int().min(min, { error: message }).max(max, { error: message }))
        .optional(),
    )
    .transform((value) => value ?? fallback);
}

/** A positive decimal number (`0.5`); `.` is the decimal point here, not a digit grouping. */
function positiveNumber(fallback: number) {
  const message = "harus angka lebih dari 0, titik sebagai desimal (must be a number above 0, e.g. 0.5)";
  return z
    .preprocess(
      blankIsUnset,
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, { error: message })
        .transform(Number)
        .pipe(z.number().positive({ error: message }))
        .optional(),
    )
    .transform((value) => value ?? fallback);
}

function optionalWholeNumber(min: number, max: number) {
  return wholeNumber(Number.NaN, min, max).transform((value) => (Number.isNaN(value) ? undefined : value));
}

/** `"1"` turns it on; anything else but unset is a typo worth stopping for. */
function flag() {
  return z
    .preprocess(blankIsUnset, z.enum(["0", "1"], { error: 'harus "1" atau "0" (must be "1" or "0")' }).optional())
    .transform((value) => value === "1");
}

function postgresUrl() {
  return z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine((value) => /^postgres(ql)?:\/\//.test(value) && URL.canParse(value), {
        // Never the value itself: it carries a password.
        error: "harus URL postgresql://pengguna:sandi@host:port/database (must be a postgresql:// connection URL)",
      })
      .optional(),
  );
}

function httpUrl() {
  return z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), { error: "harus URL http:// atau https:// (must be an http(s) URL)" })
      .optional(),
  );
}

function smtpUrl() {
  return z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine((value) => /^smtps?:\/\//.test(value) && URL.canParse(value), {
        // Never the value itself: it may carry a password.
        error: "harus URL smtp:// atau smtps://pengguna:sandi@host:port (must be an smtp(s):// URL)",
      })
      .optional(),
  );
}

function emailAddress() {
  return z.preprocess(blankIsUnset, z.email({ error: "harus alamat e-mail (must be an e-mail address)" }).optional());
}

const MINUTES_PER_YEAR = 525_600;

const schema = z.object({
  // Database
  DATABASE_URL: postgresUrl(),
  DATABASE_OWNER_URL: postgresUrl(),
  DATABASE_REPLICA_URL: postgresUrl(),
  // Lists a minute stale are still useful; beyond that they would mislead (and a replica that far
  // behind is usually broken): the primary answers instead.
  JANGKAU_REPLICA_MAX_LAG_SECONDS: wholeNumber(60, 1, 86_400),
  JANGKAU_DATA_DIR: textOr(".data"),
  JANGKAU_DB_PORT: optionalWholeNumber(1, 65_535),
  JANGKAU_DB_POOL_SIZE: wholeNumber(10, 1, 1_000),
  JANGKAU_DEBUG_MIGRATIONS: flag(),
  // Serving
  PORT: wholeNumber(3000, 1, 65_535),
  JANGKAU_HOST: text(),
  // One is what `next start` runs; a machine serving many users sets its core count.
  JANGKAU_WEB_PROCESSES: wholeNumber(1, 1, 64),
  NEXTAUTH_URL: httpUrl(),
  NEXTAUTH_SECRET: text(),
  JANGKAU_TRUSTED_PROXIES: text(),
  NEXT_TELEMETRY_DISABLED: text(),
  // Demo
  JANGKAU_DEMO: flag(),
  JANGKAU_DEMO_PASSWORD: text(),
  JANGKAU_DEMO_TOTP_SECRET: text(),
  // Tens of thousands of businesses: enough to browse, generated in well under a minute.
  JANGKAU_DEMO_ENTITIES: wholeNumber(20_000, 1, 10_000_000),
  // Files and keys
  JANGKAU_STORAGE_DIR: text(),
  JANGKAU_IMPORT_MAX_FILE_MB: positiveNumber(2048),
  JANGKAU_IMPORT_THREADS: optionalWholeNumber(0, 16),
  JANGKAU_SECRET_KEY: text(),
  JANGKAU_AUDIT_KEY: text(),
  JANGKAU_AUDIT_CHECKPOINT_FILE: text(),
  // A deleted tail of the audit trail is then at most this much newer than the last anchor.
  JANGKAU_AUDIT_CHECKPOINT_MINUTES: wholeNumber(15, 1, MINUTES_PER_YEAR),
  // Processes
  JANGKAU_CLI_MAX_HEAP_MB: optionalWholeNumber(64, 1_048_576),
  JANGKAU_MATCH_AFTER_IMPORT: z
    .preprocess(blankIsUnset, z.enum(["on", "off"], { error: 'harus "on" atau "off" (must be "on" or "off")' }).optional())
    .transform((value) => value !== "off"),
  JANGKAU_MATCH_MAX_HEAP_MB: wholeNumber(4096, 64, 1_048_576),
  JANGKAU_WORKER: z
    .preprocess(blankIsUnset, z.enum(["on", "off"], { error: 'harus "on" atau "off" (must be "on" or "off")' }).optional())
    .transform((value) => value !== "off"),
  // Limits
  JANGKAU_EXPORT_MAX_ROWS_OFFICER: wholeNumber(50_000, 0, 100_000_000),
  JANGKAU_EXPORT_MAX_ROWS_SUPERVISOR: wholeNumber(50_000, 0, 100_000_000),
  JANGKAU_EXPORT_MAX_ROWS_ADMIN: wholeNumber(1_000_000, 0, 100_000_000),
  JANGKAU_EXPORT_MAX_ROWS_AUDITOR: wholeNumber(0, 0, 100_000_000),
  // Ten minutes: far longer than any reader's pause on a healthy connection (a browser's save
  // dialog, a slow link), short enough that a stuck one frees its connection the same hour.
  JANGKAU_EXPORT_STALL_SECONDS: wholeNumber(600, 1, 86_400),
  JANGKAU_API_RATE_PER_MINUTE: wholeNumber(30, 1, 1_000_000),
  JANGKAU_API_RATE_BURST: wholeNumber(10, 1, 1_000_000),
  // Sessions and sign-in
  JANGKAU_SESSION_IDLE_MINUTES: wholeNumber(30, 1, MINUTES_PER_YEAR),
  JANGKAU_SESSION_MAX_MINUTES: wholeNumber(8 * 60, 1, MINUTES_PER_YEAR),
  JANGKAU_SMTP_URL: smtpUrl(),
  JANGKAU_MAIL_FROM: emailAddress(),
  OIDC_ISSUER: httpUrl(),
  OIDC_CLIENT_ID: text(),
  OIDC_CLIENT_SECRET: text(),
  OIDC_DISPLAY_NAME: textOr("SSO"),
  // Set by Jangkau for its own child processes, not by operators (not in docs/configuration.md).
  JANGKAU_CALLER_CWD: text(),
});

export type Config = z.infer<typeof schema>;

/** Every variable the module reads. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof Config)[];
/** Those Jangkau sets for its own child processes: not operator settings, so not documented. */
export const INTERNAL_VARIABLES: readonly (keyof Config)[] = ["JANGKAU_CALLER_CWD"];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Konfigurasi tidak valid (invalid configuration):\n${problems.map((p) => `  - ${p}`).join("\n")}\nLihat docs/configuration.md.`);
    this.name = "ConfigError";
  }
}

let parsed: { source: string; config: Config } | null = null;

/** On globalThis: Next loads this module once per module graph (instrumentation, pages, routes). */
const settled = globalThis as unknown as { jangkauSettledConfig?: Config };

/**
 * For the web server's start (server/startup/start-app.ts), once it has written its generated
 * variables: its environment does not change after that, so config() stops reading it. Reading
 * every variable costs ~20 µs (each one a lookup in the process's C environment), and a page asks
 * config() a dozen times or more (the pool, the session cookie, the read replica).
 */
export function settleConfig(): void {
  delete settled.jangkauSettledConfig;
  settled.jangkauSettledConfig = config();
}

/**
 * The validated configuration. Parsed once, and again only when the environment changed: the
 * start writes generated `NEXTAUTH_SECRET`/`NEXTAUTH_URL` into it for next-auth, which reads
 * them itself, and tests set variables per case. In the web server, fixed once it has started
 * (settleConfig).
 */
export function config(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  if (env === process.env && settled.jangkauSettledConfig) return settled.jangkauSettledConfig;
  const values = CONFIG_VARIABLES.map((name) => env[name]);
  const source = JSON.stringify(values);
  if (env === process.env && parsed?.source === source) return parsed.config;
  const result = schema.safeParse(Object.fromEntries(CONFIG_VARIABLES.map((name, i) => [name, values[i]])));
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`));
  if (env === process.env) parsed = { source, config: result.data };
  return result.data;
}
