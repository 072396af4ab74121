import "server-only";

/**
 * Keeps business ids stable across runs: each new cluster takes the id most of its records
 * belonged to before (largest clusters choose first), so follow-up work attached to a business
 * stays with it when records come and go. Clusters no earlier business can claim get fresh ids.
 */
export function assignBusinessIds(
  clusters: readonly (readonly string[])[],
  previous: ReadonlyMap<string, bigint>,
): { ids: (bigint | null)[]; reused: Set<bigint> } {
  const order = clusters.map((_, i) => i).sort((a, b) => clusters[b]!.length - clusters[a]!.length);
  const ids = new Array<bigint | null>(clusters.length).fill(null);
  const reused = new Set<bigint>();
  for (const i of order) {
    const votes = new Map<bigint, number>();
    for (const fp of clusters[i]!) {
      const id = previous.get(fp);
      if (id !== undefined && !reused.has(id)) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    let best: bigint | null = null;
    let bestVotes = 0;
    for (const [id, count] of votes) {
      if (count > bestVotes || (count === bestVotes && best !== null && id < best)) {
        best = id;
        bestVotes = count;
      }
    }
    if (best !== null) {
      ids[i] = best;
      reused.add(best);
    }
  }
  return { ids, reused };
}
