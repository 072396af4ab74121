import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A secret generated once and kept (mode 0600) in the data folder, for installations that do
 * not pass it through the environment: the session-signing key, the demo password.
 */
export function readOrCreateLocalSecret(dataDir: string, name: string, create = () => randomBytes(32).toString("base64url")): string {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, name);
  if (existsSync(/*turbopackIgnore: true*/ file)) return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  mkdirSync(/*turbopackIgnore: true*/ dataDir, { recursive: true, mode: 0o700 });
  const value = create();
  writeFileSync(/*turbopackIgnore: true*/ file, value + "\n", { mode: 0o600 });
  return value;
}
