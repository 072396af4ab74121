import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * An export streams on the thread that also serves the web process's pages. COPY reads up to
 * 1 MB ahead, and an async loop over a buffered stream continues on microtasks only, so the
 * export turned 10,000–15,000 rows into file bytes before any page's database answer was looked
 * at; a page that awaits ten answers waited behind ten such runs, and every page served beside a
 * 200,000-row export took 1–3 s. `turn()` after each piece of work hands the thread over once
 * SLICE_MS of it has passed: every callback already waiting (pages' answers, new requests) runs
 * before the export's next slice. The export loses only the time the pages take.
 */
const SLICE_MS = 4;

export function eventLoopTurns(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
