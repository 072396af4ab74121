/**
 * Region names as people write them ("KAB. BANDUNG", "Kota Adm. Jakarta Selatan", "Regapu’u"),
 * broken into comparable words. Shared by the region search (server/regions/search-regions.ts) and
 * the ingest resolver (server/ingest/region-resolver.ts), so both read a name the same way.
 */

/** Abbreviations in AHU data and in what people type, spelled the way the official names are. */
export const REGION_WORD_ALIASES: Readonly<Record<string, string>> = {
  kab: "kabupaten",
  kabupaten: "kabupaten",
  kodya: "kota",
  kotamadya: "kota",
  adm: "administrasi",
  administratif: "administrasi",
  kep: "kepulauan",
  prov: "provinsi",
  propinsi: "provinsi",
  kec: "kecamatan",
  kel: "kelurahan",
  ds: "desa",
  dki: "daerah khusus ibukota",
  diy: "daerah istimewa yogyakarta",
  ntb: "nusa tenggara barat",
  ntt: "nusa tenggara timur",
};

/**
 * Lower case, accents and apostrophes dropped ("Regapu’u" → "regapuu"), every other run of
 * punctuation or spacing a word break: "KAB. BANDUNG" → ["kab", "bandung"]. Abbreviations are
 * left as written.
 */
export function regionNameTokens(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

/** Spells out the abbreviations of `REGION_WORD_ALIASES`: ["kab", "bandung"] → ["kabupaten", "bandung"]. */
export function expandRegionWords(tokens: readonly string[]): string[] {
  return tokens.flatMap((word) => (REGION_WORD_ALIASES[word] ?? word).split(" "));
}

/** `regionNameTokens` with abbreviations spelled out: "Kab. Kep. Seribu" → ["kabupaten", "kepulauan", "seribu"]. */
export function regionNameWords(text: string): string[] {
  return expandRegionWords(regionNameTokens(text));
}
