import "server-only";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/**
 * COPY text-format lines (no trailing newline) into `target`, in ~1 MB writes with backpressure.
 * The lines may come from an async source (rows streamed out of another connection).
 */
export async function copyInLines(client: pg.ClientBase, target: string, lines: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const copy = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    copy.on("finish", resolve);
    copy.on("error", reject);
  });
  let buffer = "";
  for await (const line of lines) {
    buffer += line + "\n";
    if (buffer.length >= 1 << 20) {
      if (!copy.write(buffer)) await new Promise((resolve) => copy.once("drain", resolve));
      buffer = "";
    }
  }
  copy.end(buffer);
  await done;
}
