"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn.ts";

/** A small "Salin" button that copies `value` (a full SHA-256) and says so for a moment. */
export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      // No clipboard access (plain http on another host): the value stays in the title to select.
      setCopied("no");
    }
    setTimeout(() => setCopied(null), 2000);
  }
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      title={value}
      className={cn("rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50", className)}
    >
      <span aria-live="polite">{copied === "yes" ? "Tersalin" : copied === "no" ? "Gagal menyalin" : "Salin"}</span>
    </button>
  );
}
