import "server-only";
import type pg from "pg";
import { copyInLines } from "@/server/db/copy-in.ts";
import { copyOutRows } from "@/server/db/copy-out.ts";
import { RecordLinker, fingerprintPairKey, type LinkRule } from "../record-linker.ts";
import { IDENTIFIER_PREFIXES } from "../resolve.ts";
import { AUTO_LINK } from "../score-pair.ts";
import { BUSINESS_SOURCES } from "../types.ts";
import { stepTimer } from "../step-timer.ts";

/**
 * The coordinator of a full run: the same linking as the in-memory resolver (resolve.ts, through
 * record-linker.ts), over integers. NPWPs, NIBs and fingerprints are numbered in SQL; identifier
 * edges come out of a sort in PostgreSQL (each key's records against its first record, NPWP keys
 * first), the partitions' scored pairs best first (ties in the in-memory resolver's canonical
 * order: by the pair's records' fingerprints). Node holds typed arrays
 * only, ~45 bytes a record. Its result goes back as `match_work_link`: each record's business
 * (the smallest idx among its records) and how it joined. The identifier part needs no scored
 * pair, so it runs while the units are being scored.
 */

export interface ResolvedWork {
  links: Record<string, number>;
  /** Grey-zone pairs for the review queue, as (rank, seq) of `match_work_pair`. */
  review: [number, number][];
}

/** The linking as far as it goes without the scored pairs: identifiers and review decisions. */
export interface IdentifierLinks {
  linker: RecordLinker;
  /** Decided fingerprint pairs (never queued for review again). */
  decided: Set<string>;
}

/**
 * Steps 1 and 2 of the linking, which read only `match_work_record` and the review decisions:
 * the run starts them while the units of name matching are still being scored elsewhere.
 */
export async function linkIdentifiers(client: pg.Client, records: number, log: (message: string) => void = () => undefined): Promise<IdentifierLinks> {
  const step = stepTimer(log);
  const npwp = new Int32Array(records);
  const nib = new Int32Array(records);
  const fingerprint = new Int32Array(records);
  const source = new Uint8Array(records);
  const sourceIndex = new Map<string, number>(BUSINESS_SOURCES.map((s, i) => [s, i]));
  for await (const [idx, src, p, b, f] of copyOutRows(
    client,
    `SELECT idx, source,
       CASE WHEN npwp IS NULL THEN 0 ELSE dense_rank() OVER (ORDER BY npwp COLLATE "C") END,
       CASE WHEN nib IS NULL THEN 0 ELSE dense_rank() OVER (ORDER BY nib COLLATE "C") END,
       dense_rank() OVER (ORDER BY fingerprint COLLATE "C")
     FROM match_work_record`,
  )) {
    const i = Number(idx);
    source[i] = sourceIndex.get(src!)!;
    npwp[i] = Number(p);
    nib[i] = Number(b);
    fingerprint[i] = Number(f);
  }

  // Review decisions between current records: by fingerprint id, and the first record of each.
  const { rows: decisions } = await client.query<{ l: number; r: number; li: number; ri: number; status: string }>(
    `WITH fp AS (
       SELECT DISTINCT ON (fingerprint) fingerprint, idx FROM match_work_record
       WHERE fingerprint IN (SELECT left_fingerprint FROM match_review WHERE status <> 'PENDING'
                             UNION SELECT right_fingerprint FROM match_review WHERE status <> 'PENDING')
       ORDER BY fingerprint, idx)
     SELECT l.idx AS li, r.idx AS ri, m.status FROM match_review m
     JOIN fp l ON l.fingerprint = m.left_fingerprint JOIN fp r ON r.fingerprint = m.right_fingerprint
     WHERE m.status <> 'PENDING' ORDER BY m.id`,
  );
  const rejected = new Map<number, Set<number>>();
  const decided = new Set<string>();
  for (const d of decisions) {
    const [a, b] = [fingerprint[d.li]!, fingerprint[d.ri]!];
    decided.add(fingerprintPairKey(a, b));
    if (d.status !== "REJECTED") continue;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const set = rejected.get(x) ?? new Set<number>();
      set.add(y);
      rejected.set(x, set);
    }
  }
  step("nomor identitas");
  const linker = new RecordLinker({ npwp, nib, fingerprint, source, sources: BUSINESS_SOURCES.length, rejected });

  // The in-memory resolver's canonical order (resolve.ts `canonicalRanks`): by fingerprint, then
  // by record (idx follows record ids), so nothing depends on which record was imported first.
  await client.query(`DROP TABLE IF EXISTS tmp_canon`);
  await client.query(
    `CREATE TEMP TABLE tmp_canon AS SELECT idx, (row_number() OVER (ORDER BY fingerprint COLLATE "C", idx) - 1)::int AS canon FROM match_work_record`,
  );
  await client.query(`ALTER TABLE tmp_canon ADD PRIMARY KEY (idx)`);
  await client.query(`ANALYZE tmp_canon`);

  // 1. Identifiers: per prefix, keys in order of their first record, records in canonical order.
  const rules: LinkRule[] = IDENTIFIER_PREFIXES.map(([, rule]) => rule);
  for await (const [p, anchor, idx] of copyOutRows(
    client,
    `WITH keyed AS (
       SELECT 0 AS p, npwp AS key, idx FROM match_work_record WHERE npwp IS NOT NULL
       UNION ALL SELECT 1, nib, idx FROM match_work_record WHERE nib IS NOT NULL
       UNION ALL SELECT CASE WHEN left(partner_code, 2) = 'w:' THEN 2 ELSE 3 END, partner_code, idx FROM match_work_record WHERE partner_code IS NOT NULL),
     grouped AS (
       SELECT k.p, k.idx, c.canon, min(c.canon) OVER w AS first, count(*) OVER w AS n
       FROM keyed k JOIN tmp_canon c ON c.idx = k.idx WINDOW w AS (PARTITION BY k.p, k.key))
     SELECT g.p, a.idx, g.idx FROM grouped g JOIN tmp_canon a ON a.canon = g.first
     WHERE g.n > 1 AND g.canon <> g.first ORDER BY g.p, g.first, g.canon`,
  )) {
    linker.identifier(rules[Number(p)]! as "npwp" | "nib" | "kode", Number(anchor), Number(idx));
  }

  step("tautan identitas");
  // 2. Confirmed review pairs.
  for (const d of decisions) if (d.status === "CONFIRMED") linker.confirmed(d.li, d.ri);
  return { linker, decided };
}

/** Step 3, once every unit is done: names, best score first, then what goes to review. */
export async function resolveClusters(client: pg.Client, { linker, decided }: IdentifierLinks, log: (message: string) => void = () => undefined): Promise<ResolvedWork> {
  const step = stepTimer(log);
  // 3. Names, best score first.
  for await (const [a, b, rank, seq] of copyOutRows(
    client,
    `SELECT p.a, p.b, p.rank, p.seq FROM match_work_pair p JOIN tmp_canon ca ON ca.idx = p.a JOIN tmp_canon cb ON cb.idx = p.b
     WHERE p.score >= ${AUTO_LINK} ORDER BY p.score DESC, least(ca.canon, cb.canon), greatest(ca.canon, cb.canon)`,
  )) {
    linker.name(Number(a), Number(b), Number(rank), Number(seq));
  }
  const review: [number, number][] = [];
  for await (const [a, b, rank, seq] of copyOutRows(
    client,
    `SELECT p.a, p.b, p.rank, p.seq FROM match_work_pair p JOIN tmp_canon ca ON ca.idx = p.a JOIN tmp_canon cb ON cb.idx = p.b
     WHERE p.score < ${AUTO_LINK} ORDER BY p.score DESC, least(ca.canon, cb.canon), greatest(ca.canon, cb.canon)`,
  )) {
    if (linker.reviewable(Number(a), Number(b), decided)) review.push([Number(rank), Number(seq)]);
  }

  step("tautan nama");
  const clusterOf = linker.clusterOf();
  const links: Record<string, number> = {};
  await copyInLines(client, "match_work_link (idx, cluster, rule, with_idx, pair_rank, pair_seq)", linkLines(linker, clusterOf, links));
  await client.query(`ANALYZE match_work_link`);
  step("tautan ditulis");
  return { links, review };
}

function* linkLines(linker: RecordLinker, clusterOf: Int32Array, counts: Record<string, number>): Generator<string> {
  const na = "\\N";
  for (let i = 0; i < clusterOf.length; i++) {
    const rule = linker.rule[i]!;
    const name = linker.ruleOf(i);
    counts[name] = (counts[name] ?? 0) + 1;
    const other = linker.withIdx[i]!;
    const refA = linker.refA[i]!;
    yield `${i}\t${clusterOf[i]}\t${rule}\t${other < 0 ? na : other}\t${refA < 0 ? na : refA}\t${refA < 0 ? na : linker.refB[i]}`;
  }
}
