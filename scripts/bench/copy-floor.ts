/**
 * The floor an import is measured against: a plain `COPY` of the same CSV file into an unindexed
 * table of text columns, as fast as PostgreSQL takes the file in. Shared by the benchmarks that
 * import (`bench:import`, `bench:workers`).
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** Seconds to COPY `file` (UTF-8, a header line, cells separated by `delimiter`) into a throwaway table. */
export async function copyFloor(url: string, file: string, delimiter = ","): Promise<number> {
  // The header line only: the file itself is hundreds of MB.
  const head = await open(file, "r").then(async (handle) => {
    try {
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(10_000) });
      return buffer.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
  });
  const header = head.split(/\r?\n/)[0]!.replace(/^\uFEFF/, "");
  const columns = header.split(delimiter).length;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_floor (${Array.from({ length: columns }, (_, i) => `c${i} text`).join(", ")})`);
    const started = performance.now();
    await pipeline(
      createReadStream(file),
      client.query(copyFrom(`COPY bench_floor FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ${client.escapeLiteral(delimiter)})`)),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await client.query("DROP TABLE IF EXISTS bench_floor").catch(() => undefined);
    await client.end();
  }
}
