import { cn } from "@/components/ui/cn.ts";
import { BUSINESS_STATUS_LABELS, type BusinessStatusValue } from "@/lib/leads/business-status.ts";
import { ENTITY_KIND_LABELS, type EntityKindValue } from "@/lib/leads/entity-kind.ts";
import { FOLLOW_UP_STATUS_LABELS, type FollowUpStatusValue } from "@/lib/leads/follow-up-status.ts";

const STATUS_STYLES: Record<BusinessStatusValue, string> = {
  BELUM_TERDAFTAR: "bg-red-100 text-red-800",
  TERDAFTAR_NONAKTIF: "bg-amber-100 text-amber-900",
  DAFTAR_SEBAGIAN: "bg-sky-100 text-sky-900",
  TERDAFTAR_AKTIF: "bg-brand-100 text-brand-800",
};

const badge = "inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

export function BusinessStatusBadge({ status }: { status: BusinessStatusValue }) {
  return <span className={cn(badge, STATUS_STYLES[status])}>{BUSINESS_STATUS_LABELS[status]}</span>;
}

export function FollowUpBadge({ status }: { status: FollowUpStatusValue | null }) {
  if (status === null) return <span className="text-xs text-slate-600">Belum ditindaklanjuti</span>;
  return <span className={cn(badge, "bg-slate-100 text-slate-800")}>{FOLLOW_UP_STATUS_LABELS[status]}</span>;
}

/** Marks a lead that is a notary, not a business; nothing for a business (the usual kind). */
export function EntityKindBadge({ kind }: { kind: EntityKindValue }) {
  if (kind !== "NOTARIS") return null;
  return <span className={cn(badge, "bg-violet-100 text-violet-900")}>{ENTITY_KIND_LABELS[kind]}</span>;
}
