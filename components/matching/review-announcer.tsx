"use client";

import { createContext, useCallback, useContext, useRef, useState } from "react";

/**
 * The queue's status line. A decided pair leaves the list (the page re-renders without it), and
 * its confirmation dialog with it, so the note about the decision lives above the list and takes
 * the keyboard focus that the removed buttons had.
 */
const AnnounceContext = createContext<(message: string) => void>(() => undefined);

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

export function ReviewAnnouncer({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState("");
  const ref = useRef<HTMLParagraphElement>(null);
  const announce = useCallback((message: string) => {
    setNotice(message);
    // After the dialog closed and returned focus to a button that is about to disappear.
    requestAnimationFrame(() => ref.current?.focus());
  }, []);
  return (
    <AnnounceContext value={announce}>
      <div aria-live="polite" className="mb-4 empty:hidden">
        {notice && (
          <p ref={ref} tabIndex={-1} role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800 focus:outline-none focus:ring-2 focus:ring-brand-600/30">
            {notice}
          </p>
        )}
      </div>
      {children}
    </AnnounceContext>
  );
}
