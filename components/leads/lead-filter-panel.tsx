"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button.tsx";
import { useActionCall } from "@/components/ui/use-action-call.ts";
import type { FormAction } from "@/components/ui/use-action-form.ts";
import { inputClass } from "@/components/ui/field.tsx";
import { BUSINESS_SCALES, BUSINESS_SCALE_LABELS } from "@/lib/identifiers/business-scale.ts";
import { BUSINESS_STATUSES, BUSINESS_STATUS_LABELS, BUSINESS_STATUS_SLUGS } from "@/lib/leads/business-status.ts";
import { ENTITY_KIND_LABELS, ENTITY_KIND_SLUGS, ENTITY_KINDS } from "@/lib/leads/entity-kind.ts";
import { FOLLOW_UP_STATUS_LABELS, NOT_FOLLOWED_UP, NOT_FOLLOWED_UP_LABEL, type FollowUpFilterValue } from "@/lib/leads/follow-up-status.ts";
import { KBLI_SECTIONS } from "@/lib/leads/kbli-sections.ts";
import { ASSIGNED_TO_ME, ASSIGNED_TO_NOBODY, ASSIGNED_TO_TAKEABLE, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { leadFilterChips } from "@/lib/leads/lead-filter-chips.ts";
import {
  FOLLOW_UP_FILTER_VALUES,
  LEAD_FOLLOW_UP_SLUGS,
  LEAD_LIST_PARAMS,
  LEAD_SCALE_SLUGS,
  LEAD_SEARCH_MAX_CHARS,
  changeLeadListState,
  leadListHref,
  parseLeadListState,
  type LeadListState,
} from "@/lib/leads/lead-url-state.ts";
import { personalKindOf } from "@/lib/personal-data.ts";
import { BUSINESS_SOURCES, SOURCE_LABELS } from "@/lib/sources.ts";
import type { LeadOfficer } from "@/server/leads/find-lead-officers.ts";
import { RegionCascade, type RegionCascadeValue } from "./region-cascade.tsx";
import { useLeadNavigation } from "./use-lead-navigation.ts";

/** Sources a business can come from (the others feed people, not businesses). */
const P = LEAD_LIST_PARAMS;

function followUpLabel(value: FollowUpFilterValue): string {
  return value === NOT_FOLLOWED_UP ? NOT_FOLLOWED_UP_LABEL : FOLLOW_UP_STATUS_LABELS[value];
}

function CheckboxGroup({ legend, name, options, checked }: { legend: string; name: string; options: readonly { value: string; label: string }[]; checked: (value: string) => boolean }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="space-y-1 text-sm">
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-2">
            <input type="checkbox" name={name} value={option.value} defaultChecked={checked(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The lead filter. Its fields carry the URL's own parameter names, so applying it is: form →
 * query string → the one parser (lib/leads/lead-url-state.ts) → a new URL. Sort and columns stay.
 */
export function LeadFilterPanel({
  state,
  regions,
  officers,
  canBeAssigned,
  searchText,
  searchExpired,
  sealSearchAction,
}: {
  state: LeadListState;
  /** What *Cari* shows: the search text, masked when it is personal (then the URL holds its token). */
  searchText: string;
  /** The URL's search token has expired or is not this user's. */
  searchExpired: boolean;
  /** Seals a personal search text into the token the URL carries instead. */
  sealSearchAction: FormAction<string>;
  regions: RegionCascadeValue;
  /** For the "petugas" filter: who, not where (their regions stay with those who assign). */
  officers: Pick<LeadOfficer, "id" | "name" | "username">[];
  /** Officers may filter "ditugaskan ke saya" and "bisa saya ambil". */
  canBeAssigned: boolean;
}) {
  const { pending, go } = useLeadNavigation(state);
  const f = state.filter;
  const chips = leadFilterChips(f, {
    searchText,
    regionName: (code) => regions.path.find((r) => r.code === code)?.name ?? code,
    officerName: (id) => officers.find((o) => o.id === id)?.name ?? "petugas lain",
  });
  // Chips of the folded fields (not Cari and Petugas, which are always in sight).
  const hiddenActive = chips.filter((chip) => chip.key !== "q" && chip.key !== "assignedTo" && chip.key !== "kind").length;
  const [moreOpen, setMoreOpen] = useState(false);
  // Remount the uncontrolled fields when the URL's filter changes (back button, saved view).
  const key = JSON.stringify(f);
  // The filter waiting for its search token: a NIK, mobile number or email typed into Cari is
  // posted to the server, never put into the URL.
  const awaitingToken = useRef<LeadFilter | null>(null);
  const seal = useActionCall(
    sealSearchAction,
    (token) => awaitingToken.current && go({ filter: { ...awaitingToken.current, q: undefined, qToken: token } }),
    "Pencarian tidak dapat dikirim. Coba lagi.",
  );

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const query = new URLSearchParams();
    for (const name of new Set(form.keys())) {
      const values = form.getAll(name).filter((v): v is string => typeof v === "string" && v.trim() !== "");
      if (values.length) query.set(name, values.join(","));
    }
    const filter = parseLeadListState(query).filter;
    const q = filter.q;
    // Unchanged masked text: the same sealed search as before.
    if (q !== undefined && f.qToken && q === searchText) return go({ filter: { ...filter, q: undefined, qToken: f.qToken } });
    if (q !== undefined && personalKindOf(q)) {
      awaitingToken.current = filter;
      return seal.call({ q });
    }
    go({ filter });
  }

  return (
    <form key={key} onSubmit={onSubmit} role="search" aria-label="Filter prospek" className="mb-4 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-4 md:grid-cols-4">
        <div className="space-y-1 md:col-span-2">
          <label htmlFor="prospek-cari" className="block text-sm font-medium text-slate-700">
            Cari
          </label>
          <input
            id="prospek-cari"
            name={P.q}
            type="search"
            defaultValue={searchText}
            maxLength={LEAD_SEARCH_MAX_CHARS}
            placeholder="Nama badan usaha, NPWP, NIB, Kode WLKP atau Kode Badan Usaha"
            aria-describedby="prospek-cari-hint"
            className={inputClass}
          />
          <p id="prospek-cari-hint" className="text-xs text-slate-500">
            Nama boleh sebagian atau salah ketik sedikit; bentuk usaha di dalamnya (PT, CV, Koperasi, Yayasan)
            menyaring menurut bentuk usaha. NPWP (15 atau 16 digit, bertitik boleh), NIB dan kode harus lengkap. NIK,
            nomor HP dan email dikirim tersamar: tidak pernah tampil di alamat halaman.
          </p>
          {searchExpired && (
            <p role="alert" className="text-sm text-red-700">
              Pencarian data pribadi ini sudah kedaluwarsa (berlaku 8 jam) atau milik akun lain. Ketik ulang di Cari.
            </p>
          )}
          {seal.error && (
            <p role="alert" className="text-sm text-red-700">
              {seal.error}
            </p>
          )}
        </div>
        <div className="space-y-1">
          <label htmlFor="prospek-jenis" className="block text-sm font-medium text-slate-700">
            Jenis
          </label>
          <select id="prospek-jenis" name={P.kind} defaultValue={f.kind ? ENTITY_KIND_SLUGS[f.kind] : ""} className={inputClass}>
            <option value="">Semua</option>
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={ENTITY_KIND_SLUGS[k]}>
                {ENTITY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="prospek-petugas" className="block text-sm font-medium text-slate-700">
            Petugas
          </label>
          <select id="prospek-petugas" name={P.assignedTo} defaultValue={f.assignedTo ?? ""} className={inputClass}>
            <option value="">Semua</option>
            {canBeAssigned && <option value={ASSIGNED_TO_ME}>Ditugaskan ke saya</option>}
            <option value={ASSIGNED_TO_NOBODY}>Belum ditugaskan</option>
            {canBeAssigned && <option value={ASSIGNED_TO_TAKEABLE}>Bisa saya ambil</option>}
            {officers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.username})
              </option>
            ))}
          </select>
        </div>
      </div>

      {/* The rest folds away, so the first leads are on screen at 1440×900 and on a tablet; the
          fields stay in the form while folded, so applying keeps them. */}
      <details open={moreOpen} onToggle={(event) => setMoreOpen(event.currentTarget.open)} className="group">
        <summary className="inline-flex min-h-11 cursor-pointer items-center gap-2 text-sm font-medium text-brand-700">
          <span className="group-open:hidden">Tampilkan filter lainnya</span>
          <span className="hidden group-open:inline">Sembunyikan filter lainnya</span>
          {hiddenActive > 0 && <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs text-brand-800">{hiddenActive} aktif</span>}
        </summary>
        <div className="mt-3 space-y-4">
          <RegionCascade name={P.regionCodes} initial={regions} />

          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <CheckboxGroup
              legend="Skala usaha"
              name={P.scales}
              options={BUSINESS_SCALES.map((s) => ({ value: LEAD_SCALE_SLUGS[s], label: BUSINESS_SCALE_LABELS[s] }))}
              checked={(v) => (f.scales ?? []).some((s) => LEAD_SCALE_SLUGS[s] === v)}
            />
            <CheckboxGroup
              legend="Status kepesertaan"
              name={P.statuses}
              options={BUSINESS_STATUSES.map((s) => ({ value: BUSINESS_STATUS_SLUGS[s], label: BUSINESS_STATUS_LABELS[s] }))}
              checked={(v) => (f.statuses ?? []).some((s) => BUSINESS_STATUS_SLUGS[s] === v)}
            />
            <CheckboxGroup
              legend="Tindak lanjut"
              name={P.followUpStatuses}
              options={FOLLOW_UP_FILTER_VALUES.map((s) => ({ value: LEAD_FOLLOW_UP_SLUGS[s], label: followUpLabel(s) }))}
              checked={(v) => (f.followUpStatuses ?? []).some((s) => LEAD_FOLLOW_UP_SLUGS[s] === v)}
            />
            <div className="space-y-4">
              <CheckboxGroup
                legend="Sumber data"
                name={P.sources}
                options={BUSINESS_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
                checked={(v) => (f.sources ?? []).includes(v)}
              />
            </div>
          </div>

          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <div className="space-y-1">
              <label htmlFor="prospek-kategori" className="block text-sm font-medium text-slate-700">
                Kategori KBLI
              </label>
              <select id="prospek-kategori" name={P.kbliSection} defaultValue={f.kbliSection ?? ""} className={inputClass}>
                <option value="">Semua kategori</option>
                {KBLI_SECTIONS.map((s) => (
                  <option key={s.letter} value={s.letter}>
                    {s.letter} — {s.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="space-y-1">
              <label htmlFor="prospek-kbli" className="block text-sm font-medium text-slate-700">
                Kode KBLI
              </label>
              <input id="prospek-kbli" name={P.kbli} defaultValue={f.kbli} inputMode="numeric" pattern="\d{1,5}" title="1–5 digit awal kode KBLI" placeholder="mis. 47 atau 47111" className={inputClass} />
            </div>
            <div className="space-y-1">
              <label htmlFor="prospek-pekerja-min" className="block text-sm font-medium text-slate-700">
                Pekerja paling sedikit
              </label>
              <input id="prospek-pekerja-min" name={P.workersMin} type="number" min={0} defaultValue={f.workersMin} className={inputClass} />
            </div>
            <div className="space-y-1">
              <label htmlFor="prospek-pekerja-maks" className="block text-sm font-medium text-slate-700">
                Pekerja paling banyak
              </label>
              <input id="prospek-pekerja-maks" name={P.workersMax} type="number" min={0} defaultValue={f.workersMax} className={inputClass} />
            </div>
            <div className="space-y-1">
              <label htmlFor="prospek-belum-terdaftar-min" className="block text-sm font-medium text-slate-700">
                Pekerja belum terdaftar paling sedikit
              </label>
              <input
                id="prospek-belum-terdaftar-min"
                name={P.gapMin}
                type="number"
                min={0}
                defaultValue={f.gapMin}
                aria-describedby="prospek-belum-terdaftar-hint"
                className={inputClass}
              />
              <p id="prospek-belum-terdaftar-hint" className="text-xs text-slate-500">
                Selisih pekerja: tepat bila Kemnaker mengirim data tenaga kerja, selain itu jumlah pekerja Kemnaker dikurangi yang terdaftar di BPJS.
              </p>
            </div>
          </div>
        </div>
      </details>

      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className={buttonClass("primary")} disabled={pending || seal.pending}>
          {pending || seal.pending ? "Memuat…" : "Terapkan filter"}
        </button>
        <Link href="/prospek" className={buttonClass("ghost")}>
          Hapus filter
        </Link>
      </div>
      {chips.length > 0 && (
        <ul aria-label="Filter aktif" className="flex flex-wrap gap-2">
          {chips.map((chip) => (
            <li key={chip.key}>
              <Link
                href={leadListHref(changeLeadListState(state, { filter: chip.without }))}
                aria-label={`Hapus filter ${chip.label}`}
                className="inline-flex min-h-9 items-center gap-1 rounded-full border border-brand-200 bg-brand-50 px-3 text-sm text-brand-900 hover:bg-brand-100"
              >
                {chip.label}
                <span aria-hidden="true" className="text-base leading-none">
                  ×
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
