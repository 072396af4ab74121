import pg from "pg";

/**
 * Runs `work` in one transaction on a connection of its own, as the app's raw-SQL writers (match
 * runs, imports) run theirs, and commits it; the connection ends either way (a failed `work`
 * leaves nothing committed).
 */
export async function inPgTransaction<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } finally {
    await client.end();
  }
}
