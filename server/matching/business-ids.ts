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
    const best = mostVoted(votes);
    if (best !== null) {
      ids[i] = best;
      reused.add(best);
    }
  }
  return { ids, reused };
}

/**
 * Where each business that this run dissolves went: for every previous id no cluster kept, the
 * id of the cluster holding most of its records (ties: the smaller id). Follow-up work on a
 * dissolved business moves there (server/leads/carry-follow-ups.ts). A business whose records
 * all left the current data has no successor.
 */
export function successorIds(
  clusters: readonly (readonly string[])[],
  previous: ReadonlyMap<string, bigint>,
  ids: readonly bigint[],
): Map<bigint, bigint> {
  const kept = new Set(ids);
  const votes = new Map<bigint, Map<bigint, number>>();
  clusters.forEach((fingerprints, i) => {
    for (const fp of fingerprints) {
      const old = previous.get(fp);
      if (old === undefined || kept.has(old)) continue;
      const byNew = votes.get(old) ?? new Map<bigint, number>();
      byNew.set(ids[i]!, (byNew.get(ids[i]!) ?? 0) + 1);
      votes.set(old, byNew);
    }
  });
  const successors = new Map<bigint, bigint>();
  for (const [old, byNew] of votes) successors.set(old, mostVoted(byNew)!);
  return successors;
}

/** The id with the most votes; ties go to the smaller id. Null when nobody voted. */
function mostVoted(votes: ReadonlyMap<bigint, number>): bigint | null {
  let best: bigint | null = null;
  let bestVotes = 0;
  for (const [id, count] of votes) {
    if (count > bestVotes || (count === bestVotes && best !== null && id < best)) {
      best = id;
      bestVotes = count;
    }
  }
  return best;
}
