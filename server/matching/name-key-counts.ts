import "server-only";
import type pg from "pg";
import { keyHash, NAME_KEY_CAP, nameKeys, type NameKeyKind } from "./blocking-keys.ts";
import type { MatchRecord } from "./types.ts";

type Named = Pick<MatchRecord, "regencyCode" | "key" | "tokens">;

/**
 * How many current records share each name key, before and after an incremental run's batch —
 * what the full run's blocks hold, since `match_key` stores every name key of every record. A
 * full run scores through a key only while no more records than its cap share it: with these
 * counts an incremental run scores the same pairs, whatever part of the regency it holds.
 */
export class NameKeyCounts {
  private constructor(
    private readonly kinds: ReadonlyMap<string, NameKeyKind>,
    private readonly before: ReadonlyMap<string, number>,
    private readonly after: ReadonlyMap<string, number>,
  ) {}

  /** The name keys of `records`, counted with `added` in and the records `removed` out. */
  static async read(client: pg.ClientBase, records: readonly Named[], added: readonly Named[], removed: readonly bigint[]): Promise<NameKeyCounts> {
    const kinds = new Map<string, NameKeyKind>();
    for (const r of records) for (const { kind, key } of nameKeys(r)) kinds.set(key, kind);
    const byHash = new Map([...kinds.keys()].map((key) => [String(keyHash(key)), key]));
    const { rows } = await client.query<{ key: string; stored: number; leaving: number }>(
      `SELECT key::text, count(*)::int AS stored, count(*) FILTER (WHERE source_record_id = ANY($2::bigint[]))::int AS leaving
       FROM match_key WHERE key = ANY($1::bigint[]) GROUP BY key`,
      [[...byHash.keys()], removed.map(String)],
    );
    const before = new Map<string, number>();
    const after = new Map<string, number>();
    for (const row of rows) {
      const key = byHash.get(row.key)!;
      before.set(key, row.stored);
      after.set(key, row.stored - row.leaving);
    }
    for (const r of added) for (const { key } of nameKeys(r)) if (kinds.has(key)) after.set(key, (after.get(key) ?? 0) + 1);
    return new NameKeyCounts(kinds, before, after);
  }

  /** Whether the full run scores through the key once this run is written. */
  narrow(key: string): boolean {
    return (this.after.get(key) ?? 0) <= NAME_KEY_CAP[this.kinds.get(key)!];
  }

  /** Keys the full run no longer scores through, or now does: every pair they make changes. */
  crossing(): string[] {
    return [...this.kinds].filter(([key, kind]) => ((this.before.get(key) ?? 0) <= NAME_KEY_CAP[kind]) !== this.narrow(key)).map(([key]) => key);
  }

  /** Keys too common to score through. */
  common(): Set<string> {
    return new Set([...this.kinds.keys()].filter((key) => !this.narrow(key)));
  }
}
