import type { Metadata } from "next";
import Link from "next/link";
import { formatCount } from "@/lib/format.ts";
import { ReviewAnnouncer } from "@/components/matching/review-announcer.tsx";
import { ReviewPairCard } from "@/components/matching/review-pair-card.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { cn } from "@/components/ui/cn.ts";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { PageLinks } from "@/components/ui/page-links.tsx";
import {
  parseReviewQuery,
  REVIEW_PAGE_SIZE,
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES,
  reviewQueryHref,
  type ReviewStatus,
} from "@/lib/match-review.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { findReviewPairs } from "@/server/matching/find-review-pairs.ts";
import { decideReviewAction } from "./actions.ts";

export const metadata: Metadata = { title: "Tinjauan Pencocokan" };

const BASE_PATH = "/tinjauan";

const EMPTY_TITLES: Record<ReviewStatus, string> = {
  PENDING: "Tidak ada pasangan yang perlu ditinjau",
  CONFIRMED: "Belum ada pasangan yang dikonfirmasi",
  REJECTED: "Belum ada pasangan yang ditolak",
};

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Parsing the URL touches nothing; the guard still decides before any pair is read.
  const query = parseReviewQuery(await searchParams);
  // Records show business phone numbers and emails: the view is audited.
  const { scope } = await requirePermission("matches.review", {
    auditView: { action: "page.view", objectType: "page", details: { status: query.status, page: query.page } },
  });
  const result = await findReviewPairs({ scope, status: query.status, page: query.page, pageSize: REVIEW_PAGE_SIZE });
  const pageHref = (page: number) => reviewQueryHref(BASE_PATH, { status: query.status, page });

  return (
    <>
      <PageHeader
        title="Tinjauan Pencocokan"
        description="Pasangan catatan yang namanya mirip tetapi tidak memiliki NPWP, NIB, atau kode mitra yang sama. Putuskan apakah keduanya badan usaha yang sama; keputusan tercatat di jejak audit dan tetap berlaku setelah impor ulang."
      />
      <nav aria-label="Status pasangan" className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {REVIEW_STATUSES.map((status) => (
            <li key={status}>
              <Link
                href={reviewQueryHref(BASE_PATH, { status, page: 1 })}
                aria-current={status === query.status ? "page" : undefined}
                className={cn(buttonClass(status === query.status ? "primary" : "secondary"), "px-3 py-1.5")}
              >
                {REVIEW_STATUS_LABELS[status]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <ReviewAnnouncer>
        {result.pairs.length === 0 ? (
          <EmptyState title={EMPTY_TITLES[query.status]}>
            {query.status === "PENDING" && <p>Pasangan baru muncul di sini setelah pencocokan menemukan nama yang mirip di wilayah Anda.</p>}
          </EmptyState>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">
              {formatCount(result.total)} pasangan {REVIEW_STATUS_LABELS[query.status].toLowerCase()}
              {query.status === "PENDING" ? ", skor tertinggi lebih dulu" : ", keputusan terbaru lebih dulu"}.
            </p>
            <ul className="space-y-6">
              {result.pairs.map((pair) => (
                <li key={pair.id}>
                  <ReviewPairCard pair={pair} decideAction={pair.status === "PENDING" ? decideReviewAction : undefined} />
                </li>
              ))}
            </ul>
            {result.pageCount > 1 && (
              <PageLinks
                label="Halaman tinjauan"
                className="mt-6"
                previous={result.page > 1 ? { href: pageHref(result.page - 1) } : null}
                next={result.page < result.pageCount ? { href: pageHref(result.page + 1) } : null}
                numbers={{ current: result.page, count: result.pageCount, href: pageHref }}
              />
            )}
          </>
        )}
      </ReviewAnnouncer>
    </>
  );
}
