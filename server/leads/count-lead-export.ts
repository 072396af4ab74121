import "server-only";
import type { LeadFilter } from "@/lib/leads/lead-filter.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { readDb } from "@/server/db/read-db.ts";
import { leadWhere, queryLeads, type LeadSql } from "./lead-query.ts";

/**
 * How many rows an export of `filter` would hold, counted only up to the caller's cap + 1: the
 * export dialog shows it before the download, and openLeadExport refuses on it. Counting stops at
 * the cap, so a national filter costs what the cap costs, not what the registry holds.
 */

export interface LeadExportCount {
  /** Exact when `overCap` is false; maxRows + 1 otherwise. */
  rows: number;
  overCap: boolean;
  maxRows: number;
}

/** `SELECT n` counting the leads of `lead` up to the integer bound in placeholder `$<limitParam>`. */
export function cappedLeadCountSql(lead: LeadSql, limitParam: number): string {
  return `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${lead.from} WHERE ${lead.where} LIMIT $${limitParam}::int) capped`;
}

export async function countLeadExport(options: { filter: LeadFilter; scope: RegionScope; actorId: string | null; maxRows: number }): Promise<LeadExportCount> {
  const lead = leadWhere(options.filter, options.scope, options.actorId);
  const [row] = await queryLeads<{ n: number }>(await readDb(), cappedLeadCountSql(lead, lead.values.length + 1), [...lead.values, options.maxRows + 1]);
  const rows = row?.n ?? 0;
  return { rows, overCap: rows > options.maxRows, maxRows: options.maxRows };
}
