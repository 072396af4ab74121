#!/usr/bin/env node
// `npx jangkau …`: runs cli/main.ts with TypeScript support. The react-server condition makes
// `import "server-only"` (which guards server/ against client bundles) a no-op here.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx");
const result = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", tsx, "--no-warnings=ExperimentalWarning", path.join(here, "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", cwd: path.resolve(here, ".."), env: { ...process.env, JANGKAU_CALLER_CWD: process.cwd() } },
);
process.exit(result.status ?? 1);
