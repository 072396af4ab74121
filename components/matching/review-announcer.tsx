"use client";

import Link from "next/link";
import { createContext, useCallback, useContext, useRef, useState } from "react";

/**
 * The queue's status line. A decided pair leaves the list (the page re-renders without it), and
 * its confirmation dialog with it, so the note about the decision lives above the list and takes
 * the keyboard focus that the removed buttons had.
 */
type Announce = (message: string, link?: { href: string; label: string }) => void;

const AnnounceContext = createContext<Announce>(() => undefined);

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}

export function ReviewAnnouncer({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<{ message: string; link?: { href: string; label: string } } | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  const announce = useCallback<Announce>((message, link) => {
    setNotice({ message, link });
    // After the dialog closed and returned focus to a button that is about to disappear.
    requestAnimationFrame(() => ref.current?.focus());
  }, []);
  return (
    <AnnounceContext value={announce}>
      <div aria-live="polite" className="mb-4 empty:hidden">
        {notice && (
          <p ref={ref} tabIndex={-1} role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800 focus:outline-none focus:ring-2 focus:ring-brand-600/30">
            {notice.message}
            {notice.link && (
              <>
                {" "}
                <Link href={notice.link.href} className="font-medium underline underline-offset-2">
                  {notice.link.label}
                </Link>
              </>
            )}
          </p>
        )}
      </div>
      {children}
    </AnnounceContext>
  );
}
