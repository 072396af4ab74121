import "server-only";
import { BALIKAN_ENTRIES, BALIKAN_PARTNERS, balikanDueDate, type BalikanPartner } from "@/lib/balikan.ts";
import { currentPeriod as periodOf } from "@/lib/imports.ts";
import { SOURCE_PARTNER } from "@/lib/sources.ts";
import { db } from "@/server/db/client.ts";
import type { BalikanEntrySummary } from "./generate-balikan.ts";

/** What the Data Balikan page shows per partner: periods received and due, deliveries, pushes, SFTP target. */
export interface BalikanPeriodDto {
  period: string;
  /** Accepted rows per source of the partner's batches of that period (what the files must reconcile with). */
  sources: { source: string; batches: number; dataRows: number; accepted: number; rejected: number; duplicates: number }[];
  /** False for the running period while the partner has not delivered it yet. */
  received: boolean;
  dueDate: string;
  deliveredAt: string | null;
  overdue: boolean;
}

export interface BalikanPushDto {
  id: string;
  createdAt: string;
  endpointName: string;
  remotePath: string;
  success: boolean;
  message: string | null;
  actorUsername: string;
}

export interface BalikanDeliveryDto {
  id: string;
  period: string;
  fileName: string;
  rows: number;
  bytes: number;
  sha256: string;
  createdAt: string;
  createdByUsername: string;
  entries: { key: BalikanEntrySummary["key"]; name: string; rows: number; batchAccepted: number }[];
  pushes: BalikanPushDto[];
}

export interface BalikanPartnerOverview {
  partner: BalikanPartner;
  periods: BalikanPeriodDto[];
  deliveries: BalikanDeliveryDto[];
  target: { endpointId: string; endpointName: string | null; remoteDir: string; updatedAt: string; updatedByUsername: string } | null;
  /** SFTP endpoints of this partner (by the source they pull), selectable as the push target. */
  endpoints: { id: string; name: string; host: string }[];
}

// Deliveries listed per partner: two periods a year, a few regenerations each — years of history.
const DELIVERY_LIMIT = 50;

export async function listBalikanOverview(now = new Date()): Promise<BalikanPartnerOverview[]> {
  const currentPeriod = periodOf(now);
  const [batches, deliveries, firstDeliveries, targets, endpoints] = await Promise.all([
    db.importBatch.groupBy({
      by: ["source", "period"],
      where: { source: { in: BALIKAN_PARTNERS.flatMap((p) => BALIKAN_ENTRIES[p].map((e) => e.source)) } },
      _count: { _all: true },
      _sum: { dataRows: true, accepted: true, rejected: true, duplicates: true },
    }),
    Promise.all(
      BALIKAN_PARTNERS.map((partner) =>
        db.balikanDelivery.findMany({
          where: { partner },
          orderBy: { createdAt: "desc" },
          take: DELIVERY_LIMIT,
          select: {
            id: true,
            period: true,
            fileName: true,
            rows: true,
            bytes: true,
            sha256: true,
            createdAt: true,
            createdByUsername: true,
            entries: true,
            pushes: { orderBy: { createdAt: "desc" } },
          },
        }),
      ),
    ),
    // When each period was first delivered: from all deliveries, not only the listed newest ones.
    db.balikanDelivery.groupBy({ by: ["partner", "period"], _min: { createdAt: true } }),
    db.balikanTarget.findMany(),
    db.sftpEndpoint.findMany({ select: { id: true, name: true, host: true, source: true }, orderBy: { name: "asc" } }),
  ]);

  return BALIKAN_PARTNERS.map((partner, index) => {
    const sources = BALIKAN_ENTRIES[partner].map((entry) => entry.source as string);
    const mine = deliveries[index]!;
    const received = new Set(batches.filter((b) => sources.includes(b.source)).map((b) => b.period));
    // The running semester is listed even before its data arrives: that is what comes due next.
    const periods = [...new Set([...received, currentPeriod])].sort().reverse();
    const target = targets.find((t) => t.partner === partner) ?? null;
    return {
      partner,
      periods: periods.map((period) => {
        const deliveredAt = firstDeliveries.find((d) => d.partner === partner && d.period === period)?._min.createdAt ?? null;
        const dueDate = balikanDueDate(period);
        return {
          period,
          received: received.has(period),
          sources: sources.map((source) => {
            const row = batches.find((b) => b.source === source && b.period === period);
            return {
              source,
              batches: row?._count._all ?? 0,
              dataRows: row?._sum.dataRows ?? 0,
              accepted: row?._sum.accepted ?? 0,
              rejected: row?._sum.rejected ?? 0,
              duplicates: row?._sum.duplicates ?? 0,
            };
          }),
          dueDate: dueDate.toISOString(),
          deliveredAt: deliveredAt?.toISOString() ?? null,
          overdue: received.has(period) && !deliveredAt && dueDate.getTime() + 86_400_000 <= now.getTime(),
        };
      }),
      deliveries: mine.map((d) => ({
        id: d.id,
        period: d.period,
        fileName: d.fileName,
        rows: d.rows,
        bytes: Number(d.bytes),
        sha256: d.sha256,
        createdAt: d.createdAt.toISOString(),
        createdByUsername: d.createdByUsername,
        entries: (d.entries as unknown as BalikanEntrySummary[]).map((e) => ({ key: e.key, name: e.name, rows: e.rows, batchAccepted: e.batchAccepted })),
        pushes: d.pushes.map((p) => ({
          id: p.id,
          createdAt: p.createdAt.toISOString(),
          endpointName: p.endpointName,
          remotePath: p.remotePath,
          success: p.success,
          message: p.message,
          actorUsername: p.actorUsername,
        })),
      })),
      target: target
        ? {
            endpointId: target.endpointId,
            endpointName: endpoints.find((e) => e.id === target.endpointId)?.name ?? null,
            remoteDir: target.remoteDir,
            updatedAt: target.updatedAt.toISOString(),
            updatedByUsername: target.updatedByUsername,
          }
        : null,
      endpoints: endpoints.filter((e) => SOURCE_PARTNER[e.source as keyof typeof SOURCE_PARTNER] === partner).map(({ id, name, host }) => ({ id, name, host })),
    };
  });
}
