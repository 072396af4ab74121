import Link from "next/link";
import { buttonClass } from "./button.tsx";
import { cn } from "./cn.ts";

/**
 * A list's page navigation: a link back on the left, a link on on the right, each only where
 * there is somewhere to go. Pages are plain links (the URL is the list's state), so the back
 * button and a shared link work.
 */
export function PageLinks({
  label,
  first,
  previous,
  next,
  className,
}: {
  /** Names the navigation for screen readers ("Halaman prospek"). */
  label: string;
  /** Back to the start, beside `previous` when that is not the first page already. */
  first?: { href: string; text?: string } | null;
  previous?: { href: string; text?: string } | null;
  next?: { href: string; text?: string } | null;
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
