// Entry of an import's worker thread (row-workers.ts). Plain JavaScript: a thread starts with
// no TypeScript loader, so it registers tsx (as the CLI's process does) before loading the real
// module; `--conditions=react-server` comes from the thread's execArgv.
import { register } from "tsx/esm/api";

register();
await import("./row-worker.ts");
