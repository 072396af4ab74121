"use client";

import { useId, useState } from "react";
import { inputClass } from "@/components/ui/field.tsx";
import type { RegionDto, RegionLevel } from "@/lib/region-code.ts";

const LEVELS: readonly { level: RegionLevel; label: string; all: string }[] = [
  { level: "PROVINCE", label: "Provinsi", all: "Semua provinsi" },
  { level: "REGENCY", label: "Kabupaten/Kota", all: "Semua kabupaten/kota" },
  { level: "DISTRICT", label: "Kecamatan", all: "Semua kecamatan" },
  { level: "VILLAGE", label: "Kelurahan/Desa", all: "Semua kelurahan/desa" },
];

export interface RegionCascadeValue {
  /** The chosen region at each level, province first (as deep as chosen). */
  path: RegionDto[];
  /** The options at each level: [provinces, regencies of path[0], …]. */
  options: RegionDto[][];
}

/**
 * Provinsi → Kabupaten/Kota → Kecamatan → Kelurahan, each a searchable field: type part of a
 * name and pick from the browser's list (keyboard: arrows, Enter), or leave it empty for "all".
 * Options come from /prospek/wilayah, which only returns regions inside the user's scope. The
 * deepest chosen code is submitted as `name`.
 */
export function RegionCascade({ name, initial }: { name: string; initial: RegionCascadeValue }) {
  const id = useId();
  const [path, setPath] = useState<RegionDto[]>(initial.path);
  const [options, setOptions] = useState<RegionDto[][]>(initial.options);
  const [texts, setTexts] = useState<string[]>(initial.path.map((r) => r.name));
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function choose(levelIndex: number, text: string) {
    const nextTexts = [...texts.slice(0, levelIndex), text];
    setTexts(nextTexts);
    const match = (options[levelIndex] ?? []).find((r) => r.name.toLowerCase() === text.trim().toLowerCase() || r.code === text.trim());
    const nextPath = match ? [...path.slice(0, levelIndex), match] : path.slice(0, levelIndex);
    setPath(nextPath);
    setOptions(options.slice(0, levelIndex + 1));
    if (!match || levelIndex === LEVELS.length - 1) return;
    setLoading(true);
    setError(null);
    try {
      const response = await fetch(`/prospek/wilayah?induk=${encodeURIComponent(match.code)}`);
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { regions: RegionDto[] };
      setOptions((current) => [...current.slice(0, levelIndex + 1), body.regions]);
    } catch {
      setError("Daftar wilayah tidak dapat dimuat. Coba lagi.");
    } finally {
      setLoading(false);
    }
  }

  const deepest = path.at(-1)?.code ?? "";
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-busy={loading}>
      <legend className="mb-1 text-sm font-medium text-slate-700">Wilayah</legend>
      <input type="hidden" name={name} value={deepest} />
      {LEVELS.map(({ level, label, all }, i) => {
        const list = options[i];
        const enabled = list !== undefined && (i === 0 || path[i - 1] !== undefined);
        const fieldId = `${id}-${level}`;
        return (
          <div key={level} className="space-y-1">
            <label htmlFor={fieldId} className="block text-xs font-medium text-slate-600">
              {label}
            </label>
            <input
              id={fieldId}
              list={`${fieldId}-list`}
              value={texts[i] ?? ""}
              disabled={!enabled}
              placeholder={enabled ? `${all} — ketik untuk mencari` : "Pilih wilayah di atasnya dulu"}
              autoComplete="off"
              onChange={(event) => void choose(i, event.target.value)}
              className={inputClass}
            />
            <datalist id={`${fieldId}-list`}>
              {(list ?? []).map((region) => (
                <option key={region.code} value={region.name}>
                  {region.code}
                </option>
              ))}
            </datalist>
          </div>
        );
      })}
      {error && (
        <p role="alert" className="text-xs text-red-700 sm:col-span-2 lg:col-span-4">
          {error}
        </p>
      )}
    </fieldset>
  );
}
