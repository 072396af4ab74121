import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import { createRegionResolver } from "./region-resolver.ts";
import { createRowWork } from "./row-work.ts";
import type { RowWorkerData } from "./row-workers.ts";
import type { RawRow } from "./types.ts";

// A worker thread of an import (row-workers.ts): jobs of rows in, their digests, report events
// and COPY bytes out, in the order the jobs came. The COPY bytes and typed arrays are transferred,
// not copied.
const data = workerData as RowWorkerData;
const work = createRowWork(data.setup, createRegionResolver(data.regions));

parentPort!.on("message", (rows: RawRow[]) => {
  const result = work(rows);
  parentPort!.postMessage(result, [result.digests.buffer, result.ends.buffer, result.copy.buffer] as ArrayBuffer[]);
});
