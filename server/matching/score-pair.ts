import "server-only";
import { nameSimilarity, type TokenWeights } from "./name-similarity.ts";
import type { LinkEvidence, MatchRecord } from "./types.ts";

/**
 * The score of two records of the same regency that share no identifier: their name similarity,
 * raised by what else agrees (district, village, postcode, phone, email, address, KBLI) and
 * lowered by what disagrees (another district, another legal form, a branch against its head
 * office). A shared phone or email counts only where the place does not say "another office". Thresholds: `AUTO_LINK` and above link on their own; `REVIEW` up to it go to the
 * review queue; below, nothing. Documented in docs/matching.md.
 */

export const AUTO_LINK = 0.9;
export const REVIEW = 0.72;
/** Names less alike than this are not scored further. */
const NAME_FLOOR = 0.55;

const ADJUST = {
  districtSame: 0.04,
  districtOther: -0.15,
  villageSame: 0.03,
  villageOther: -0.08,
  postcodeSame: 0.03,
  postcodeOther: -0.03,
  phoneSame: 0.12,
  emailSame: 0.12,
  addressSame: 0.05,
  addressOther: -0.08,
  kbliSame: 0.02,
  legalFormSame: 0.02,
  legalFormOther: -0.25,
  branchOther: -0.4,
} as const;

export interface PairScore {
  score: number;
  evidence: LinkEvidence;
}

export function scorePair(a: MatchRecord, b: MatchRecord, weights: TokenWeights): PairScore | null {
  const name = nameSimilarity(a.tokens, a.key, b.tokens, b.key, weights);
  if (name < NAME_FLOOR) return null;
  let score = name;
  const agree: string[] = [];
  const disagree: string[] = [];
  const compare = (field: string, x: string | null, y: string | null, same: number, other: number) => {
    if (!x || !y) return;
    if (x === y) {
      score += same;
      agree.push(field);
    } else {
      score += other;
      disagree.push(field);
    }
  };
  compare("kecamatan", a.districtCode, b.districtCode, ADJUST.districtSame, ADJUST.districtOther);
  if (a.districtCode && a.districtCode === b.districtCode) {
    compare("kelurahan", a.villageCode, b.villageCode, ADJUST.villageSame, ADJUST.villageOther);
  }
  compare("kode_pos", a.postcode, b.postcode, ADJUST.postcodeSame, ADJUST.postcodeOther);
  compare("kbli", a.kbli, b.kbli, ADJUST.kbliSame, 0);
  compare("bentuk_usaha", a.legalForm, b.legalForm, ADJUST.legalFormSame, ADJUST.legalFormOther);
  if (a.branch !== b.branch) {
    score += ADJUST.branchOther;
    disagree.push("cabang");
  }
  let addressOther = false;
  if (a.address && b.address) {
    const overlap = addressOverlap(a.address, b.address);
    if (overlap >= 0.6) {
      score += ADJUST.addressSame;
      agree.push("alamat");
    } else if (overlap < 0.2) {
      score += ADJUST.addressOther;
      disagree.push("alamat");
      addressOther = true;
    }
  }
  // A phone or email shared by two offices in another district at another address is the
  // company's, not this office's: a branch files with its head office's contacts. Measured on the
  // noisy demo set, where it alone merged branches into their head office.
  const otherOffice = addressOther && disagree.includes("kecamatan");
  compare("telepon", a.phone, b.phone, otherOffice ? 0 : ADJUST.phoneSame, 0);
  compare("email", a.email, b.email, otherOffice ? 0 : ADJUST.emailSame, 0);
  const evidence: LinkEvidence = { name: round(name) };
  if (agree.length) evidence.agree = agree;
  if (disagree.length) evidence.disagree = disagree;
  return { score: round(Math.max(0, Math.min(1, score))), evidence };
}

/** Words every other address has: two offices in one "KOMP." are not at one address. */
const ADDRESS_NOISE = new Set([
  "JL", "JLN", "JALAN", "NO", "RT", "RW", "BLOK", "KEL", "KEC", "DS", "DESA", "GG", "GANG",
  "KOMP", "KOMPLEK", "KOMPLEKS", "PERUM", "PERUMAHAN", "RUKO", "GEDUNG", "KAWASAN", "INDUSTRI", "PERGUDANGAN",
]);

/** Share of address words (numbers included, filler words left out) the two addresses share. */
export function addressOverlap(a: string, b: string): number {
  const wordsA = addressWords(a);
  const wordsB = addressWords(b);
  if (wordsA.size === 0 || wordsB.size === 0) return 0;
  let shared = 0;
  for (const w of wordsA) if (wordsB.has(w)) shared++;
  return shared / Math.min(wordsA.size, wordsB.size);
}

function addressWords(address: string): Set<string> {
  const out = new Set<string>();
  for (const w of address.toUpperCase().split(/[^A-Z0-9]+/)) {
    if (w && !ADDRESS_NOISE.has(w)) out.add(w.replace(/^0+(?=\d)/, ""));
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
