import Link from "next/link";
import { formatCount } from "@/lib/format.ts";
import { pageNumbers } from "@/lib/page-numbers.ts";
import { buttonClass } from "./button.tsx";
import { cn } from "./cn.ts";

/**
 * A list's page navigation: a link back on the left, a link on on the right, each only where
 * there is somewhere to go. Pages are plain links (the URL is the list's state), so the back
 * button and a shared link work. A list that knows its page count also offers page numbers
 * between the two, so an officer can jump to page 7 or to the last one.
 */
export function PageLinks({
  label,
  first,
  previous,
  next,
  numbers,
  className,
}: {
  /** Names the navigation for screen readers ("Halaman prospek"). */
  label: string;
  /** Back to the start, beside `previous` when that is not the first page already. */
  first?: { href: string; text?: string } | null;
  previous?: { href: string; text?: string } | null;
  next?: { href: string; text?: string } | null;
  /** A counted list's pages: "Halaman X dari Y" and a link to each page around the current one. */
  numbers?: { current: number; count: number; href: (page: number) => string; suffix?: string } | null;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={cn("mt-4 flex flex-wrap items-center justify-between gap-3 text-sm", className)}>
      <div className="flex flex-wrap gap-2">
        {first && (
          <Link href={first.href} className={buttonClass("ghost")}>
            {first.text ?? "Halaman pertama"}
          </Link>
        )}
        {previous && (
          <Link href={previous.href} className={buttonClass("secondary")} rel="prev">
            {previous.text ?? "Sebelumnya"}
          </Link>
        )}
      </div>
      {numbers && <PageNumbers {...numbers} />}
      <div>
        {next && (
          <Link href={next.href} className={buttonClass("secondary")} rel="next">
            {next.text ?? "Berikutnya"}
          </Link>
        )}
      </div>
    </nav>
  );
}

function PageNumbers({ current, count, href, suffix }: { current: number; count: number; href: (page: number) => string; suffix?: string }) {
  const entries = pageNumbers(current, count);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <p className="text-slate-600">
        Halaman {formatCount(current)} dari {formatCount(Math.max(1, count))}
        {suffix ? ` · ${suffix}` : ""}
      </p>
      {entries.length > 0 && (
        <ol className="flex flex-wrap items-center gap-1">
          {entries.map((entry) =>
            "gap" in entry ? (
              <li key={entry.key} aria-hidden className="px-1 text-slate-400">
                …
              </li>
            ) : (
              <li key={entry.page}>
                <Link
                  href={href(entry.page)}
                  aria-label={`Halaman ${formatCount(entry.page)}`}
                  aria-current={entry.page === current ? "page" : undefined}
                  className={cn(
                    "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 tabular-nums lg:min-h-8 lg:min-w-8",
                    entry.page === current ? "bg-slate-900 font-semibold text-white" : "text-slate-700 hover:bg-slate-100",
                  )}
                >
                  {formatCount(entry.page)}
                </Link>
              </li>
            ),
          )}
        </ol>
      )}
    </div>
  );
}
