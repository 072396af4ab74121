/**
 * Business names as partners write them ("PT. Sinar Jaya", "SINAR JAYA, PT", "KSP Sejahtera",
 * "PT BANK X (PERSERO) TBK CABANG SURABAYA"), taken apart into the legal form, the Tbk/Persero
 * marks, a branch label and a core name that compares equal across spellings.
 *
 * Called once per partner row (about a million per batch), so everything is prepared at module
 * load: the text is folded in one pass over its characters, and legal forms are matched on tokens
 * through lookup tables rather than regular expressions.
 */

export const LEGAL_FORMS = [
  "PT",
  "CV",
  "FIRMA",
  "PERSEKUTUAN_PERDATA",
  "UD",
  "KOPERASI",
  "YAYASAN",
  "PERUM",
  "PERUMDA",
  "PD",
] as const;

/**
 * A legal form written in a name. Tbk and Persero are marks on a PT (`tbk`, `persero`), not
 * forms of their own. PD is kept apart from PERUMDA: written "PD" it may be a Perusahaan Daerah
 * (the old name of a Perumda) or a private Perusahaan Dagang, and the name does not say which.
 */
export type LegalForm = (typeof LEGAL_FORMS)[number];

export interface ParsedBusinessName {
  /**
   * The legal form pulled out of the name (prefix or suffix), null when none was written. A Tbk
   * or (Persero) mark without a written form gives PT: only a PT can be either.
   */
  legalForm: LegalForm | null;
  /** True for "... TBK" / "Tbk." (publicly listed). */
  tbk: boolean;
  /** True for "(PERSERO)". */
  persero: boolean;
  /** "CABANG SURABAYA" → "SURABAYA" when the name names a branch; null otherwise. */
  branch: string | null;
  /**
   * The name without legal form/TBK/PERSERO/branch label: uppercase ASCII, punctuation folded to
   * spaces, single spaces, trimmed. e.g. "SINAR JAYA ABADI". A cooperative's short form is
   * spelled out ("KSP X" → "SIMPAN PINJAM X", as in "KOPERASI SIMPAN PINJAM X"). Empty only when
   * the input has no letters or digits.
   */
  core: string;
  /** core split on spaces. */
  tokens: string[];
  /** A compact matching key: core with spaces removed ("SINARJAYAABADI"), so "SINAR JAYA" and "SINARJAYA" compare equal. */
  key: string;
}

const LABELS: Readonly<Record<LegalForm, string>> = {
  PT: "PT",
  CV: "CV",
  FIRMA: "Firma",
  PERSEKUTUAN_PERDATA: "Persekutuan Perdata",
  UD: "UD",
  KOPERASI: "Koperasi",
  YAYASAN: "Yayasan",
  PERUM: "Perum",
  PERUMDA: "Perumda",
  PD: "PD",
};

/**
 * Display label of a legal form in Indonesian, e.g. "PT", "CV", "Firma", "Persekutuan Perdata",
 * "Koperasi", "Yayasan", "Perum", "Perumda", "UD". With the marks of a parsed name, a PT reads
 * "PT Tbk", "PT (Persero)" or "PT (Persero) Tbk".
 */
export function legalFormLabel(form: LegalForm, marks?: { tbk?: boolean; persero?: boolean }): string {
  let label = LABELS[form];
  if (marks?.persero) label += " (Persero)";
  if (marks?.tbk) label += " Tbk";
  return label;
}

// ---------------------------------------------------------------- spellings

/** Spellings of each form after folding ("P.T." is "P T"), as they appear before or after the name. */
const FORM_SPELLINGS: readonly (readonly [LegalForm, readonly string[]])[] = [
  ["PT", ["PT", "P T", "PERSEROAN TERBATAS"]],
  ["CV", ["CV", "C V", "PERSEKUTUAN KOMANDITER", "COMMANDITAIRE VENNOOTSCHAP"]],
  ["FIRMA", ["FIRMA", "FA", "PERSEKUTUAN FIRMA"]],
  ["PERSEKUTUAN_PERDATA", ["PERSEKUTUAN PERDATA"]],
  ["UD", ["UD", "U D", "USAHA DAGANG"]],
  ["KOPERASI", ["KOPERASI", "KOP"]],
  ["YAYASAN", ["YAYASAN", "YAY", "YYS"]],
  ["PERUM", ["PERUM", "PERUSAHAAN UMUM"]],
  ["PERUMDA", ["PERUMDA", "PERUSAHAAN UMUM DAERAH"]],
  ["PD", ["PD", "P D", "PERUSAHAAN DAERAH"]],
];

/**
 * Short forms that carry both the form and the first words of the name. The spelled-out words
 * are the canonical core, so "KSP SEJAHTERA" and "KOPERASI SIMPAN PINJAM SEJAHTERA" both give
 * "SIMPAN PINJAM SEJAHTERA".
 */
const SHORT_FORMS: readonly (readonly [string, LegalForm, string])[] = [
  ["KSP", "KOPERASI", "SIMPAN PINJAM"],
  ["KSU", "KOPERASI", "SERBA USAHA"],
  ["KUD", "KOPERASI", "UNIT DESA"],
  ["KPRI", "KOPERASI", "PEGAWAI REPUBLIK INDONESIA"],
  ["KOPKAR", "KOPERASI", "KARYAWAN"],
  ["KOPDIT", "KOPERASI", "KREDIT"],
  ["PDAM", "PD", "AIR MINUM"],
  ["PERUMDAM", "PERUMDA", "AIR MINUM"],
];

interface Spelling {
  readonly words: readonly string[];
  readonly form: LegalForm;
}

/** Spellings by first word (for prefixes) and by last word (for suffixes), longest first. */
function indexSpellings(by: "first" | "last"): ReadonlyMap<string, readonly Spelling[]> {
  const map = new Map<string, Spelling[]>();
  for (const [form, spellings] of FORM_SPELLINGS) {
    for (const spelling of spellings) {
      const words = spelling.split(" ");
      const head = by === "first" ? words[0]! : words[words.length - 1]!;
      const list = map.get(head) ?? [];
      list.push({ words, form });
      map.set(head, list);
    }
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
}

const BY_FIRST_WORD = indexSpellings("first");
const BY_LAST_WORD = indexSpellings("last");
const SHORT_FORM_BY_WORD: ReadonlyMap<string, { form: LegalForm; words: readonly string[] }> = new Map(
  SHORT_FORMS.map(([short, form, words]) => [short, { form, words: words.split(" ") }]),
);

const BRANCH_WORDS: ReadonlySet<string> = new Set(["CABANG", "CAB"]);

// ---------------------------------------------------------------- typed forms

/**
 * Legal forms as people mistype them: "PERSEOAN TERBATAS", "FIRM", "FIRMÉ" (folded to FIRME),
 * "PERSEKUTUÉN PERDATA", "TBBK", "T BK", "PTT", "PTBERSAMA". A form that goes unrecognised
 * stays in the name and splits one business into two, so the spelled-out forms are matched one
 * edit away — but only the forms of the registries (PT, CV, Firma, Persekutuan Perdata, Koperasi,
 * Yayasan), only words of at least four letters, and a short word only by a dropped or swapped
 * letter or a wrong last one (FIRMAN and FARMA are words, not a misspelt FIRMA). Whatever is read
 * this way must still leave a name behind.
 */
const TYPO_FORMS: ReadonlySet<LegalForm> = new Set(["PT", "CV", "FIRMA", "PERSEKUTUAN_PERDATA", "KOPERASI", "YAYASAN"]);
const TYPO_SPELLINGS: readonly Spelling[] = FORM_SPELLINGS.filter(([form]) => TYPO_FORMS.has(form)).flatMap(([form, spellings]) =>
  spellings.map((spelling) => ({ words: spelling.split(" "), form })).filter((spelling) => spelling.words.every((word) => word.length >= 5)),
);
const TBK_TYPOS: ReadonlySet<string> = new Set(["TBK", "TBBK", "TBKK", "TTBK"]);
/** Letters doubled by a stuck key, read as the short form only before a name of two words or more. */
const DOUBLED_SHORT_FORMS: ReadonlyMap<string, string> = new Map([["PTT", "PT"], ["PPT", "PT"], ["CVV", "CV"], ["CCV", "CV"]]);
/** A short form glued to the first word ("PTBERSAMA"): no Indonesian word starts with these. */
const GLUED_PREFIX = /^(PT|CV)([A-Z]{3,})$/;
const VOWEL = /[AEIOU]/;

/** True when `typed` is `word` with at most one letter changed, dropped, added or swapped. */
function oneEditAway(typed: string, word: string): boolean {
  if (typed === word) return true;
  // The first letter is kept: OPERASI is a word, not KOPERASI without its K.
  if (typed.length < 4 || typed[0] !== word[0]) return false;
  const grows = typed.length > word.length;
  // A short word changes meaning with one letter (FARMA, FORMA, FIRMAN are not FIRMA): only a
  // dropped or swapped letter, or a wrong last one (FIRMÉ), is read as the form.
  const short = word.length <= 6;
  if (grows && short) return false;
  if (Math.abs(typed.length - word.length) > 1) return false;
  let i = 0;
  while (i < typed.length && i < word.length && typed[i] === word[i]) i++;
  if (typed.length === word.length) {
    const swapped = typed[i] === word[i + 1] && typed[i + 1] === word[i] && typed.slice(i + 2) === word.slice(i + 2);
    if (swapped) return true;
    return typed.slice(i + 1) === word.slice(i + 1) && (!short || i === word.length - 1);
  }
  return grows ? typed.slice(i + 1) === word.slice(i) : typed.slice(i) === word.slice(i + 1);
}

function typedSpellingAt(words: readonly string[], at: number, spelling: Spelling): boolean {
  for (let k = 0; k < spelling.words.length; k++) {
    const typed = words[at + k];
    if (typed === undefined || !oneEditAway(typed, spelling.words[k]!)) return false;
  }
  return true;
}

/** The registry form mistyped at words[from] (prefix) or ending at words[to - 1] (suffix), leaving a name. */
function typedForm(words: readonly string[], from: number, to: number, where: "prefix" | "suffix"): Spelling | null {
  for (const spelling of TYPO_SPELLINGS) {
    const length = spelling.words.length;
    if (length >= to - from) continue;
    if (typedSpellingAt(words, where === "prefix" ? from : to - length, spelling)) return spelling;
  }
  return null;
}

/**
 * Undoes the slips no spelling list can hold: a glued short form is split off, a doubled one
 * put right before a longer name, "T BK" joined. The words are otherwise left as typed.
 */
function repairTypedMarks(words: string[]): string[] {
  if (words.length === 0) return words;
  const glued = GLUED_PREFIX.exec(words[0]!);
  if (glued && VOWEL.test(glued[2]!) && !BY_FIRST_WORD.has(words[0]!)) words = [glued[1]!, glued[2]!, ...words.slice(1)];
  const doubled = DOUBLED_SHORT_FORMS.get(words[0]!);
  if (doubled && words.length >= 3) words = [doubled, ...words.slice(1)];
  const n = words.length;
  if (n >= 3 && words[n - 2] === "T" && words[n - 1] === "BK") words = [...words.slice(0, n - 2), "TBK"];
  return words;
}

// ---------------------------------------------------------------- folding

const NON_ASCII = /[^\u0000-\u007f]/;
/** Typographic apostrophes; removed before NFKD, which would turn "´" into a space and a mark. */
const FANCY_APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u02b9\u00b4\u2032]/g;

/**
 * Uppercase ASCII words: letters and digits kept, apostrophes and accents dropped without a
 * break ("MA'RUF" → "MARUF", "CAFÉ" → "CAFE"), "&" read as "DAN", anything else a separator.
 */
function fold(raw: string): string[] {
  let text = raw;
  if (NON_ASCII.test(text)) text = text.replace(FANCY_APOSTROPHES, "").normalize("NFKD");
  text = text.toUpperCase();
  const words: string[] = [];
  let pending = "";
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 48 && code <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      pending += text.slice(start, i);
      start = -1;
    }
    // Apostrophes and combining marks join the letters around them.
    if (code === 39 || code === 96 || (code >= 0x300 && code <= 0x36f)) continue;
    if (pending !== "") {
      words.push(pending);
      pending = "";
    }
    if (code === 38) words.push("DAN");
  }
  if (start >= 0) pending += text.slice(start);
  if (pending !== "") words.push(pending);
  return words;
}

// ---------------------------------------------------------------- token matching

function matchesAt(words: readonly string[], at: number, spelling: readonly string[]): boolean {
  for (let k = 0; k < spelling.length; k++) if (words[at + k] !== spelling[k]) return false;
  return true;
}

/** The form spelled by the first words of words[from, to), leaving at least one word. */
function prefixForm(words: readonly string[], from: number, to: number): Spelling | null {
  for (const spelling of BY_FIRST_WORD.get(words[from]!) ?? []) {
    if (spelling.words.length < to - from && matchesAt(words, from, spelling.words)) return spelling;
  }
  return typedForm(words, from, to, "prefix");
}

/** The form spelled by the last words of words[from, to), leaving at least one word. */
function suffixForm(words: readonly string[], from: number, to: number): Spelling | null {
  for (const spelling of BY_LAST_WORD.get(words[to - 1]!) ?? []) {
    const length = spelling.words.length;
    if (length < to - from && matchesAt(words, to - length, spelling.words)) return spelling;
  }
  return typedForm(words, from, to, "suffix");
}

interface Marks {
  form: LegalForm | null;
  tbk: boolean;
  persero: boolean;
}

/**
 * Strips TBK, PERSERO and a legal form from the end of words[from, to) — in any order, as in
 * "X (PERSERO) TBK" or "X TBK, PT" — keeping at least one word. Returns the new end.
 */
function stripTrailingMarks(words: readonly string[], from: number, to: number, marks: Marks): number {
  let end = to;
  while (end - from > 1) {
    const last = words[end - 1];
    if (TBK_TYPOS.has(last!) && (last === "TBK" || end - from > 2)) {
      marks.tbk = true;
      end--;
      continue;
    }
    if (last === "PERSERO") {
      marks.persero = true;
      end--;
      continue;
    }
    const suffix = suffixForm(words, from, end);
    if (suffix === null || (marks.form !== null && marks.form !== suffix.form)) break;
    marks.form = suffix.form;
    end -= suffix.words.length;
  }
  return end;
}

export function parseBusinessName(raw: string): ParsedBusinessName {
  const words = repairTypedMarks(fold(raw));
  if (words.length === 0) return { legalForm: null, tbk: false, persero: false, branch: null, core: "", tokens: [], key: "" };
  const marks: Marks = { form: null, tbk: false, persero: false };

  // Branch label: "… CABANG X", "… CAB. X", "… KANTOR CABANG (PEMBANTU) X"; never the first word.
  let end = words.length;
  let branch: string | null = null;
  for (let i = 1; i < words.length - 1; i++) {
    if (!BRANCH_WORDS.has(words[i]!)) continue;
    let placeStart = i + 1;
    if (words[placeStart] === "PEMBANTU" && placeStart < words.length - 1) placeStart++;
    // "… CABANG SURABAYA, PT": marks after the place belong to the name.
    const placeEnd = stripTrailingMarks(words, placeStart, words.length, marks);
    branch = words.slice(placeStart, placeEnd).join(" ");
    end = i > 1 && words[i - 1] === "KANTOR" ? i - 1 : i;
    break;
  }

  end = stripTrailingMarks(words, 0, end, marks);

  let start = 0;
  const prefix = prefixForm(words, 0, end);
  if (prefix !== null && (marks.form === null || marks.form === prefix.form)) {
    marks.form = prefix.form;
    start = prefix.words.length;
    // "PT (PERSERO) ANGKASA PURA"
    if (prefix.form === "PT" && words[start] === "PERSERO" && end - start > 1) {
      marks.persero = true;
      start++;
    }
  }

  let tokens = words.slice(start, end);
  const short = end - start > 1 ? SHORT_FORM_BY_WORD.get(tokens[0]!) : undefined;
  if (short !== undefined && (marks.form === null || marks.form === short.form)) {
    marks.form = short.form;
    tokens = [...short.words, ...tokens.slice(1)];
  }

  if (marks.form === null && (marks.tbk || marks.persero)) marks.form = "PT";
  const core = tokens.join(" ");
  return {
    legalForm: marks.form,
    tbk: marks.tbk,
    persero: marks.persero,
    branch,
    core,
    tokens,
    key: tokens.join(""),
  };
}

/**
 * A name typed into a search box, folded exactly as names are (`parseBusinessName`), with one
 * difference: a text that is nothing but a legal form ("yayasan", "PT", "kop") names that form
 * and no name, where a business name keeps its last word. "cv jaya" is CV and "JAYA"; a lone
 * cooperative short form ("KSP") is Koperasi and its spelled-out words.
 */
export function parseNameSearch(raw: string): { legalForm: LegalForm | null; core: string } {
  const words = fold(raw);
  const whole = BY_FIRST_WORD.get(words[0] ?? "")?.find((s) => s.words.length === words.length && matchesAt(words, 0, s.words));
  if (whole) return { legalForm: whole.form, core: "" };
  const short = words.length === 1 ? SHORT_FORM_BY_WORD.get(words[0]!) : undefined;
  if (short) return { legalForm: short.form, core: short.words.join(" ") };
  const parsed = parseBusinessName(raw);
  return { legalForm: parsed.legalForm, core: parsed.core };
}
