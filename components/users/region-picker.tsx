"use client";

import { useId, useRef, useState } from "react";
import { Field, fieldAria, inputClass } from "@/components/ui/field.tsx";
import { normalizeRegionCode, type RegionLevel } from "@/lib/region-code.ts";
import { regionLabel, type RegionOption } from "./region-label.ts";
import type { FormAction } from "@/components/ui/use-action-form.ts";

const LEVEL_LABELS: Partial<Record<RegionLevel, string>> = { PROVINCE: "Provinsi", REGENCY: "Kabupaten/Kota" };
// Waits for a pause in typing before asking the server; 250 ms feels immediate and spares a
// search per keystroke.
const SEARCH_DELAY_MS = 250;
const MIN_QUERY_CHARS = 2;

/**
 * A searchable multi-select of provinces and regencies/cities. The search input is a combobox
 * (arrow keys, Enter, Escape); a typed code ("32.73" or "3273") is accepted with Enter even
 * before results arrive. Choices show as removable chips and are submitted as repeated
 * hidden `name` fields; the server checks that each code exists.
 */
export function RegionPicker({
  id,
  label,
  name,
  initial,
  searchAction,
  hint,
  error,
}: {
  id: string;
  label: string;
  name: string;
  initial: RegionOption[];
  searchAction: FormAction<RegionOption[]>;
  hint?: string;
  error?: string;
}) {
  const [selected, setSelected] = useState<RegionOption[]>(initial);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<RegionOption[]>([]);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [open, setOpen] = useState(false);
  const [searchNote, setSearchNote] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestSearch = useRef(0);
  const listId = useId();
  const optionId = (index: number) => `${listId}-opsi-${index}`;
  const expanded = open && results.length > 0;

  function clearSearch() {
    if (timer.current) clearTimeout(timer.current);
    latestSearch.current += 1;
    setQuery("");
    setResults([]);
    setOpen(false);
    setActiveIndex(-1);
    setSearchNote("");
  }

  function add(region: RegionOption) {
    setSelected((current) => (current.some((r) => r.code === region.code) ? current : [...current, region]));
    clearSearch();
  }

  function remove(code: string) {
    setSelected((current) => current.filter((r) => r.code !== code));
  }

  async function search(text: string) {
    const ticket = ++latestSearch.current;
    const formData = new FormData();
    formData.set("query", text);
    let found: RegionOption[] = [];
    let note = "";
    try {
      const state = await searchAction({ status: "idle" }, formData);
      found = state.result ?? [];
      note = state.status === "error" ? (state.message ?? "Pencarian gagal.") : found.length === 0 ? "Tidak ada wilayah yang cocok." : "";
    } catch {
      note = "Pencarian gagal. Periksa koneksi lalu coba lagi.";
    }
    if (ticket !== latestSearch.current) return; // a newer search is under way
    setResults(found);
    setActiveIndex(found.length > 0 ? 0 : -1);
    setOpen(true);
    setSearchNote(note);
  }

  function onChange(text: string) {
    setQuery(text);
    if (timer.current) clearTimeout(timer.current);
    if (text.trim().length < MIN_QUERY_CHARS) {
      latestSearch.current += 1;
      setResults([]);
      setOpen(false);
      setSearchNote("");
      return;
    }
    timer.current = setTimeout(() => void search(text.trim()), SEARCH_DELAY_MS);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && results.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActiveIndex((i) => Math.min(i + 1, results.length - 1));
    } else if (event.key === "ArrowUp" && results.length > 0) {
      event.preventDefault();
      setActiveIndex((i) => Math.max(i - 1, 0));
    } else if (event.key === "Enter" && query.trim() !== "") {
      // Enter picks a region here; it must not submit the surrounding form.
      event.preventDefault();
      const active = expanded ? results[activeIndex] : undefined;
      if (active) return add(active);
      const code = normalizeRegionCode(query);
      if (code && code.split(".").length <= 2) {
        add(results.find((r) => r.code === code) ?? { code, name: code });
      } else {
        setSearchNote("Pilih wilayah dari daftar, atau ketik kode provinsi/kabupaten/kota (mis. 32.73).");
      }
    } else if (event.key === "Escape" && expanded) {
      // Close the list only; without this, Escape would close the whole dialog.
      event.preventDefault();
      setOpen(false);
    }
  }

  const describedBy = [fieldAria(id, error, hint)["aria-describedby"], searchNote ? `${id}-catatan` : null].filter(Boolean).join(" ");

  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {selected.length > 0 && (
        <ul aria-label="Wilayah terpilih" className="mb-2 flex flex-wrap gap-2">
          {selected.map((region) => (
            <li key={region.code} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pl-3 pr-1 text-sm text-brand-800">
              <span>{regionLabel(region)}</span>
              <button
                type="button"
                aria-label={`Hapus ${regionLabel(region)}`}
                onClick={() => remove(region.code)}
                className="rounded-full px-1.5 leading-none text-brand-800 hover:bg-brand-100"
              >
                ×
              </button>
              <input type="hidden" name={name} value={region.code} />
            </li>
          ))}
        </ul>
      )}
      <div className="relative">
        <input
          {...fieldAria(id, error, hint)}
          aria-describedby={describedBy || undefined}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Cari nama atau ketik kode, mis. Kota Bandung atau 32.73"
          value={query}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => results.length > 0 && setOpen(true)}
          className={inputClass}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Hasil pencarian wilayah"
          hidden={!expanded}
          className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {results.map((region, index) => (
            <li
              key={region.code}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              // Keep focus in the input so the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add(region)}
              className={`flex cursor-pointer justify-between gap-3 px-3 py-2 ${index === activeIndex ? "bg-brand-100 text-brand-800" : "text-slate-800"}`}
            >
              <span>{regionLabel(region)}</span>
              {region.level && (
                <span className="text-xs text-slate-500">
                  <span className="sr-only">, </span>
                  {LEVEL_LABELS[region.level]}
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
      {searchNote && (
        <p id={`${id}-catatan`} role="status" className="text-xs text-slate-600">
          {searchNote}
        </p>
      )}
    </Field>
  );
}
