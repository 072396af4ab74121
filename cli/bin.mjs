#!/usr/bin/env node
// `npx jangkau …`: runs cli/main.ts with TypeScript support. The react-server condition makes
// `import "server-only"` (which guards server/ against client bundles) a no-op here.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx");
// V8 grows its heap lazily up to gigabytes when given the room; a budget keeps streaming
// imports of any size under the 500 MB RSS target. A full match's coordinator holds typed arrays
// of ~45 bytes per current record (about 450 MB for ten million) plus, when it runs the units of
// name matching itself, one regency's records: `match` and the `worker` that runs match jobs get
// the matching heap.
const matches = process.argv[2] === "match" || process.argv[2] === "worker";
const heapMb = matches
  ? Number(process.env.JANGKAU_MATCH_MAX_HEAP_MB) || Number(process.env.JANGKAU_CLI_MAX_HEAP_MB) || 4096
  : Number(process.env.JANGKAU_CLI_MAX_HEAP_MB) || 320;
// A larger young generation: an import's per-row garbage then dies young instead of being
// promoted (measured: ~15 % faster imports, no higher peak RSS).
const semiSpaceMb = 32;
// V8 pretenures allocation sites whose objects once survived (rows held while COPY waits on
// PostgreSQL), then allocates every later row of them in old space: an import ran ~3× the
// mark-compacts and ~20 % more CPU (measured on 300,000 rows). `match` keeps it: it builds
// large long-lived structures, what pretenuring is for.
const pretenuring = matches ? [] : ["--no-allocation-site-pretenuring"];
// Background work yields the CPU to page requests: a worker, an import or a match run sharing
// cores with a web instance (one machine, the demo) takes longer instead of slowing every page.
// Set here, before the command's process exists, so that all of its threads (V8's garbage
// collector helpers, the import's validation threads) inherit it. 10 is the usual "batch" level:
// an idle machine still gives such a process every cycle.
if (["worker", "import", "match"].includes(process.argv[2] ?? "")) {
  try {
    os.setPriority(Math.max(os.getPriority(), 10));
  } catch {
    // Not permitted on this system: run at the normal priority.
  }
}
const child = spawn(
  process.execPath,
  [`--max-semi-space-size=${semiSpaceMb}`, ...pretenuring, `--max-old-space-size=${heapMb}`, "--conditions=react-server", "--import", tsx, "--no-warnings=ExperimentalWarning", path.join(here, "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", cwd: path.resolve(here, ".."), env: { ...process.env, JANGKAU_CALLER_CWD: process.cwd() } },
);
// A stop request to this wrapper (a service manager's SIGTERM) reaches the command, which ends
// gracefully; Ctrl+C reaches both through the terminal's process group anyway.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 1));
