"use client";

import { createContext, useContext, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { useActionCall } from "@/components/ui/use-action-call.ts";
import type { FormAction } from "@/components/ui/use-action-form.ts";
import { PERSONAL_KIND_LABELS, type MaskedValue, type RevealedValues } from "@/lib/personal-data.ts";

/**
 * Masked personal values and their audited reveal. The page arrives with masked values only;
 * "Tampilkan" asks the server for this lead's clear values (the server checks the permission
 * and writes the audit event) and every masked value on the page shows its clear text. What was
 * revealed belongs to the page it was revealed for: when the page lists other workers (another
 * page of the workers table), their values arrive masked and need a reveal of their own.
 */
const RevealedContext = createContext<RevealedValues>({});

type RevealAction = FormAction<RevealedValues>;

export function PersonalDataProvider({
  businessId,
  revealFields = {},
  revealAction,
  maskedCount,
  children,
}: {
  businessId: string;
  /** More of what the page shows, for the reveal to answer for (the listed workers' ids). */
  revealFields?: Readonly<Record<string, string>>;
  /** Absent for a role without `personal_data.reveal`: no button at all. */
  revealAction?: RevealAction;
  maskedCount: number;
  children: React.ReactNode;
}) {
  const fields = { ...revealFields, businessId };
  const shownFor = JSON.stringify(fields);
  const [answer, setAnswer] = useState<{ for: string; values: RevealedValues }>({ for: "", values: {} });
  const revealed = answer.for === shownFor ? answer.values : {};
  const setRevealed = (values: RevealedValues) => setAnswer({ for: shownFor, values });
  const { call, pending, error } = useActionCall(revealAction, setRevealed, "Data pribadi tidak dapat ditampilkan.");
  const shown = Object.keys(revealed).length > 0;
  const reveal = () => call(fields);

  return (
    <RevealedContext.Provider value={revealed}>
      {maskedCount > 0 && (
        <div className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="flex-1">
            {shown
              ? "Data pribadi ditampilkan. Tindakan ini tercatat di jejak audit; gunakan hanya untuk keperluan JKN."
              : `${maskedCount} data pribadi (${Object.values(PERSONAL_KIND_LABELS).join(", ")}) disamarkan.`}
          </p>
          {revealAction && !shown && (
            <Button variant="secondary" onClick={reveal} disabled={pending} aria-describedby="tampilkan-keterangan">
              {pending ? "Memuat…" : "Tampilkan"}
            </Button>
          )}
          {revealAction && shown && (
            <Button variant="ghost" onClick={() => setRevealed({})}>
              Samarkan lagi
            </Button>
          )}
          <p id="tampilkan-keterangan" className="w-full text-xs text-amber-800">
            {revealAction ? "Menampilkan data pribadi prospek ini dicatat di jejak audit." : "Peran Anda tidak berwenang menampilkan data pribadi."}
          </p>
          {error && (
            <p role="alert" className="w-full text-sm text-red-800">
              {error}
            </p>
          )}
        </div>
      )}
      {children}
    </RevealedContext.Provider>
  );
}

/**
 * Plain text as is; a masked value masked, or clear once revealed. With `link`, a phone number or
 * an address the user can see in clear is a `tel:`/`mailto:` link (one tap on a tablet in the
 * field); a masked value is never a link, its clear text is not on the page.
 */
export function Personal({ value, link }: { value: string | MaskedValue | null | undefined; link?: "tel" | "mailto" }) {
  const revealed = useContext(RevealedContext);
  if (value === null || value === undefined || value === "") return <span className="text-slate-400">—</span>;
  if (typeof value === "string") return <ContactLink kind={link} text={value} />;
  const clear = revealed[value.key];
  return clear !== undefined ? (
    <span data-personal="shown">
      <ContactLink kind={link} text={clear} />
    </span>
  ) : (
    <span data-personal="masked" title={`${PERSONAL_KIND_LABELS[value.kind]} disamarkan`}>
      {value.masked}
    </span>
  );
}

function ContactLink({ kind, text }: { kind: "tel" | "mailto" | undefined; text: string }) {
  const href = kind === "tel" ? telHref(text) : kind === "mailto" && /^[^\s@]+@[^\s@]+$/.test(text) ? `mailto:${text}` : null;
  if (!href) return <>{text}</>;
  return (
    <a href={href} className="text-brand-700 underline underline-offset-2">
      {text}
    </a>
  );
}

/** `tel:` wants the digits (and a leading +) only: "(022) 123-4567" → "tel:0221234567". */
export function telHref(text: string): string | null {
  const digits = text.replace(/[\s().-]/g, "");
  return /^\+?\d{6,15}$/.test(digits) ? `tel:${digits}` : null;
}
