import "server-only";

/**
 * What the lead list learns about a filter's size, kept per filter and scope in the server
 * process so that a render need not ask again: PostgreSQL's estimate of the matching rows (an
 * EXPLAIN: a round trip and a plan) and whether the capped count overflowed (10,001 index entries
 * read). An officer's default list asks the same two questions on every render; without them
 * the page's own query is a sixth of the render's database time.
 *
 * - Estimates follow the table's statistics, which change only when a match run or autovacuum
 *   analyses it: kept ESTIMATE_TTL_MS.
 * - "More than the cap" is kept CAPPED_TTL_MS: a filter's matches seldom fall from over 10,000 to
 *   under it within a minute (a bulk assignment of up to 5,000 can), and the figure then says
 *   "lebih dari 10.000" that long. Exact counts below the cap are never kept: they are cheap,
 *   and an officer's own follow-up moves them at once.
 */

// Both chosen as "well under the time between two match runs, well over a browsing session's
// page views": the estimate is a plan, the cap flag one count.
const ESTIMATE_TTL_MS = 5 * 60_000;
const CAPPED_TTL_MS = 60_000;
// Distinct filters kept per process (~200 bytes each); the oldest go first.
const MAX_ENTRIES = 2_000;

interface Entry {
  estimate?: { rows: number; at: number };
  cappedAt?: number;
}

export class LeadCountCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The key of a filter inside a scope: its SQL and parameters (the scope is part of both). */
  static key(where: string, values: readonly unknown[]): string {
    return `${where}\u0000${JSON.stringify(values)}`;
  }

  estimate(key: string): number | null {
    const estimate = this.entries.get(key)?.estimate;
    return estimate && this.now() - estimate.at < ESTIMATE_TTL_MS ? estimate.rows : null;
  }

  rememberEstimate(key: string, rows: number): void {
    this.entry(key).estimate = { rows, at: this.now() };
  }

  /** True when the count overflowed the cap less than CAPPED_TTL_MS ago. */
  overCap(key: string): boolean {
    const at = this.entries.get(key)?.cappedAt;
    return at !== undefined && this.now() - at < CAPPED_TTL_MS;
  }

  rememberOverCap(key: string): void {
    this.entry(key).cappedAt = this.now();
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      entry = {};
      this.entries.set(key, entry);
    }
    return entry;
  }
}
