import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { AUDIT_ACTIONS, AUDIT_OUTCOME_LABELS, AUDIT_OUTCOMES, type AuditAction } from "@/lib/audit-actions.ts";
import { AUDIT_FILTER_PARAMS, type AuditFilter } from "@/lib/audit-filter.ts";
import { AUDIT_OBJECT_TYPE_LABELS } from "@/lib/audit-labels.ts";

/**
 * A plain GET form: submitting it puts the filter in the address bar, so the view is a link that
 * anyone with access can open again. It starts from the first page (no `sebelum`).
 */
export function AuditFilterForm({ filter, basePath }: { filter: AuditFilter; basePath: string }) {
  const p = AUDIT_FILTER_PARAMS;
  return (
    <form method="get" action={basePath} role="search" aria-label="Filter jejak audit" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="filter-pelaku" label="Pelaku">
          <input id="filter-pelaku" name={p.actor} defaultValue={filter.actor} placeholder="Sebagian nama pengguna" autoComplete="off" className={inputClass} />
        </Field>
        <Field id="filter-aksi" label="Aksi">
          <select id="filter-aksi" name={p.action} defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">Semua aksi</option>
            {(Object.entries(AUDIT_ACTIONS) as [AuditAction, string][]).map(([code, label]) => (
              <option key={code} value={code}>
                {label} ({code})
              </option>
            ))}
          </select>
        </Field>
        <Field id="filter-objek" label="Jenis objek">
          <select id="filter-objek" name={p.objectType} defaultValue={filter.objectType} className={inputClass}>
            <option value="">Semua jenis objek</option>
            {Object.entries(AUDIT_OBJECT_TYPE_LABELS).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
            {/* A type from a link or a newer version keeps its place in the form. */}
            {filter.objectType && !Object.hasOwn(AUDIT_OBJECT_TYPE_LABELS, filter.objectType) && <option value={filter.objectType}>{filter.objectType}</option>}
          </select>
        </Field>
        <Field id="filter-id-objek" label="ID objek">
          <input id="filter-id-objek" name={p.objectId} defaultValue={filter.objectId} autoComplete="off" className={inputClass} />
        </Field>
        <Field id="filter-hasil" label="Hasil">
          <select id="filter-hasil" name={p.outcome} defaultValue={filter.outcome ?? ""} className={inputClass}>
            <option value="">Semua hasil</option>
            {AUDIT_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {AUDIT_OUTCOME_LABELS[outcome]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="filter-dari" label="Dari tanggal" hint="Menurut WIB.">
          <input id="filter-dari" type="date" name={p.from} defaultValue={filter.from} aria-describedby="filter-dari-hint" className={inputClass} />
        </Field>
        <Field id="filter-sampai" label="Sampai tanggal" hint="Menurut WIB, termasuk hari itu.">
          <input id="filter-sampai" type="date" name={p.to} defaultValue={filter.to} aria-describedby="filter-sampai-hint" className={inputClass} />
        </Field>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Terapkan filter
          </button>
          <Link href={basePath} className={buttonClass("ghost")}>
            Hapus filter
          </Link>
        </div>
      </div>
    </form>
  );
}
