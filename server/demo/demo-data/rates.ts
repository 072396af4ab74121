import "server-only";

/**
 * How often each thing happens in the demo world. Defaults follow the brief (Kemnaker
 * sees ~70 % of businesses, BPJS has ~55 % registered, …); noise rates are per written row
 * unless said otherwise. Every rate is a probability in [0, 1].
 */
export interface DemoRates {
  // ---- who sees what
  /** Share of businesses Kemnaker WLKP reports. */
  kemnaker: number;
  /** Share of PT/CV/Firma/Persekutuan Perdata businesses AHU holds (older CVs may be missing). */
  ahu: number;
  /** Share of businesses registered at BPJS (the registry holds them). */
  bpjsRegistered: number;
  /** Of the registered, the share that is inactive (arrears, closed). */
  bpjsInactive: number;
  /**
   * Of the active registered businesses that Kemnaker reports with two or more workers, the
   * share registered for only part of them (registered < reported): DAFTAR_SEBAGIAN.
   */
  partial: number;
  /** Of the unregistered businesses, the share BPJS already lists as "Belum terdaftar JKN" prospects. */
  bpjsProspect: number;
  /** Notaries per business (a few hundred per 10,000). */
  notaries: number;
  /** Of the notaries, the share found in bpjs-peserta (the rest are absent). */
  notaryInPeserta: number;
  /** Of the notaries found, the share inactive. */
  notaryInactive: number;
  /**
   * Of the businesses Kemnaker reports, the share whose workers it also lists one by one
   * (kemnaker-tk, Lampiran I.2). Kept low so the demo stays tens of thousands of worker rows.
   */
  workerRows: number;
  /** Of the AHU officers (first appearance), the share found in bpjs-peserta. */
  officerInPeserta: number;
  /** Of officer slots, the share filled by a person who is already an officer of another entity. */
  officerReuse: number;

  // ---- the world's own make-up
  /** Share of businesses that are a branch of an earlier PT/CV (first 9 NPWP digits shared). */
  branch: number;
  /** Share of businesses that carry the name of an unrelated business in another regency. */
  sharedName: number;
  /** Share that carry the name of an unrelated business in the same regency (different NPWP). */
  sharedNameSameRegency: number;
  /** Of the branches, the share in their head office's own regency (the rest anywhere). */
  branchSameRegency: number;
  /**
   * Share of businesses in a crowded regency: one of a few big towns where dozens of unrelated
   * businesses carry the same few names (UD MAJU JAYA, CV SUMBER REJEKI …), each its own NPWP.
   */
  crowdedRegency: number;

  // ---- noise, per written row
  /** Name with 1–2 character edits (slips, dropped/doubled letters, old spellings). */
  nameTypo: number;
  /** Name written without its legal form (Kemnaker, BPJS). */
  legalFormMissing: number;
  /**
   * Legal form mistyped where it is written (Kemnaker, BPJS): misspelt (PTT, FIRM, PERSEOAN
   * TERBATAS, TBBK, T BK), glued to the name (PTBERSAMA), or a letter of it accented (FIRMÉ).
   */
  legalFormTypo: number;
  /** First letter of a short word of the name dropped or mistyped (AJU, NAJU for MAJU; Kemnaker, BPJS). */
  shortWordTypo: number;
  /** NPWP cell left empty. Kemnaker and BPJS rates; AHU uses a tenth of it. */
  npwpMissing: number;
  /** NPWP mangled by Excel (`1.23457E+14`, leading 0 lost, `….0`). */
  npwpMangled: number;
  /** NPWP with one of its first nine digits mistyped (fails the check digit). */
  npwpTypo: number;
  /** Phone cell holding something that is not one valid number. */
  phoneInvalid: number;
  /** Email cell holding something that is not an address. */
  emailInvalid: number;
  /** Worker count empty or unreadable (never on a DAFTAR_SEBAGIAN business: its gap must stay visible). */
  workerCountMissing: number;
  /** A region name with a typo (AHU, notaries; Kemnaker and BPJS, whose codes usually say it anyway). */
  regionNameTypo: number;
  /** Kemendagri codes left empty, names only (Kemnaker, BPJS). */
  regionCodeMissing: number;
  /** Exact duplicate rows (at least 2 per file). */
  duplicateRow: number;
  /** Rows missing what identifies them: no name (businesses, officers) or no NIK (notaries, participants); at least 1 per file. */
  unidentifiedRow: number;
  /** An address with a line break inside the quoted cell. */
  multilineAddress: number;
}

export const DEFAULT_RATES: Readonly<DemoRates> = Object.freeze({
  kemnaker: 0.7,
  ahu: 0.95,
  bpjsRegistered: 0.55,
  bpjsInactive: 0.1,
  partial: 0.25,
  bpjsProspect: 0.03,
  notaries: 0.03,
  notaryInPeserta: 0.75,
  notaryInactive: 0.15,
  workerRows: 0.08,
  officerInPeserta: 0.3,
  officerReuse: 0.04,

  branch: 0.01,
  sharedName: 0.02,
  sharedNameSameRegency: 0.003,
  branchSameRegency: 0.2,
  crowdedRegency: 0.003,

  nameTypo: 0.04,
  legalFormMissing: 0.12,
  legalFormTypo: 0.004,
  shortWordTypo: 0.002,
  npwpMissing: 0.1,
  npwpMangled: 0.006,
  npwpTypo: 0.003,
  phoneInvalid: 0.02,
  emailInvalid: 0.02,
  workerCountMissing: 0.03,
  regionNameTypo: 0.02,
  regionCodeMissing: 0.01,
  duplicateRow: 0.002,
  unidentifiedRow: 0.001,
  multilineAddress: 0.002,
});

/**
 * Partner files noisier than the default demo, as some regions deliver them: more branches (half
 * of them in their head office's town), crowded towns, typos in legal forms, short words and
 * region names, a third of NPWP cells empty. Matching quality is measured on this set as well
 * (`npm run bench:match`).
 */
export const NOISY_RATES: Readonly<Partial<DemoRates>> = Object.freeze({
  branch: 0.03,
  branchSameRegency: 0.5,
  sharedNameSameRegency: 0.01,
  crowdedRegency: 0.02,
  nameTypo: 0.06,
  legalFormTypo: 0.05,
  shortWordTypo: 0.03,
  regionNameTypo: 0.06,
  npwpMissing: 0.3,
});

export function resolveRates(overrides: Partial<DemoRates> = {}): DemoRates {
  const rates = { ...DEFAULT_RATES, ...overrides };
  for (const [key, value] of Object.entries(rates)) {
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw new RangeError(`Rate ${key} harus angka antara 0 dan 1 (bukan ${String(value)})`);
    }
  }
  return rates;
}
