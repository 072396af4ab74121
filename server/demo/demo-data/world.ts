import "server-only";
import type { BusinessScale } from "@/lib/identifiers/business-scale.ts";
import { makeNpwp15 } from "@/lib/identifiers/npwp.ts";
import { AHU_FORMS, type LegalForm, type NamedBusiness } from "./noise.ts";
import { hashInts, pad, Permutation, Rng, STREAM, Weighted } from "./prng.ts";
import type { DemoRates } from "./rates.ts";
import { otherPlaceInRegency, placeIn, type District, type Place, type Regency, type RegionTree } from "./regions.ts";
import {
  APOSTROPHE_NAMES,
  AREA_CODE_BY_PROVINCE,
  AREA_CODE_BY_REGENCY,
  BUILDING_PREFIXES,
  COMMON_NAME_WORDS,
  COMPANY_EMAIL_LOCALS,
  COMPANY_EMAIL_SUFFIXES,
  COOPERATIVE_KINDS,
  CV_POSITIONS,
  DEGREES,
  FEMALE_FIRST_NAMES,
  FEMALE_LAST_NAMES,
  FIRMA_POSITIONS,
  FOUNDATION_KINDS,
  FOUNDATION_NAMES,
  HONORIFICS,
  KBLI_BY_SECTION,
  KBLI_SECTION_CHOICE,
  MALE_FIRST_NAMES,
  MALE_LAST_NAMES,
  MOBILE_PREFIXES,
  NOTARY_DEGREES,
  PERSONAL_EMAIL_DOMAINS,
  PORTMANTEAU_HEADS,
  PORTMANTEAU_TAILS,
  PT_POSITIONS,
  RARE_NAME_WORDS,
  SOLE_PROPRIETOR_KINDS,
  STREET_NAMES,
  STREET_PREFIXES,
  type JknSegment,
} from "./vocabulary.ts";

/**
 * The true world: businesses, their officers and the notaries, each a pure function of
 * (seed, index). Nothing is kept between calls, so the generator streams any number of them.
 */

export type TrueStatus = "TERDAFTAR_AKTIF" | "TERDAFTAR_NONAKTIF" | "BELUM_TERDAFTAR" | "DAFTAR_SEBAGIAN";
export type NotaryStatus = "AKTIF" | "TIDAK_AKTIF" | "TIDAK_TERDAFTAR";
export type BusinessRole = "normal" | "branch" | "shared" | "shared_same_regency" | "crowded";

/** The towns of the crowds (`rates.crowdedRegency`): Medan, Jakarta Selatan, Bandung, Semarang, Surabaya. */
const CROWDED_REGENCIES: readonly string[] = ["12.71", "31.74", "32.73", "33.74", "35.78"];
/** The names a crowd shares: the commonest words, short ones among them (MAJU, MAS). */
const CROWD_NAMES: readonly string[] = ["MAJU JAYA", "SUMBER REJEKI", "SINAR MAS", "BERKAH ABADI", "KARYA MANDIRI", "MAJU BERSAMA", "JAYA ABADI", "MITRA USAHA"];
/** Forms a crowd's members carry; any other drawn form becomes UD, the commonest small trader's. */
const CROWD_FORMS: ReadonlySet<LegalForm> = new Set(["PT", "CV", "UD"]);

export interface BusinessCore extends NamedBusiness {
  index: number;
  id: string;
  role: BusinessRole;
  place: Place;
  kbli: string;
  scale: BusinessScale;
  /** True number of workers. */
  workers: number;
  /** Head office of a branch. */
  parentIndex: number | null;
  /** The unrelated business whose name this one carries. */
  sharesNameWith: number | null;
}

export interface Address {
  /** "Jl. Sudirman No. 12" or "Ruko Permata Blok B No. 7". */
  street: string;
  rt: number;
  rw: number;
}

export interface Business extends BusinessCore {
  /** 16 digits (a NIK for sole proprietors who use theirs); null when the business has none. */
  npwp: string | null;
  npwpIsNik: boolean;
  nib: string | null;
  kodeWlkp: string;
  kodeBadanUsahaKemnaker: string;
  kodeBadanUsahaBpjs: string;
  address: Address;
  /** National form, area code included: "0227301234". */
  officePhone: string | null;
  areaCode: string;
  /** "081234567890". */
  adminMobile: string | null;
  contactName: string;
  email: string | null;

  inKemnaker: boolean;
  inAhu: boolean;
  /** In the BPJS registry file (registered, or listed as a prospect). */
  inBpjs: boolean;
  bpjsRegistered: boolean;
  bpjsActive: boolean;
  /** Workers registered at BPJS (null when not registered). */
  registeredWorkers: number | null;
  status: TrueStatus;
  /** Year registered at BPJS. */
  registrationYear: number | null;
}

export interface Person {
  id: string;
  /** Given name(s) and family name, title case, no titles. */
  name: string;
  /** With honorifics and degrees, as registries print it. */
  displayName: string;
  female: boolean;
  nik: string;
  email: string | null;
  mobile: string | null;
  homeDistrict: District;
}

export interface OfficerSlot {
  position: string;
  /** The officer: a fresh person of this business, or one reused from an earlier entity. */
  person: Person;
  /** First appearance of this person (reused slots are not). */
  fresh: boolean;
}

export interface Notary extends Person {
  npwp: string;
  npwpIsNik: boolean;
  place: Place;
  address: Address;
  officePhone: string | null;
  areaCode: string;
  status: NotaryStatus;
  segment: JknSegment | null;
  /** Listed in bpjs-peserta as "Belum terdaftar" although absent from JKN. */
  listedUnregistered: boolean;
  participationYear: number | null;
}

const LEGAL_FORM_CHOICE = new Weighted<LegalForm>([
  ["PT", 40], ["CV", 19], ["FIRMA", 1.5], ["PERSEKUTUAN_PERDATA", 1], ["UD", 17], ["KOPERASI", 5],
  ["YAYASAN", 5], ["PERUMDA", 0.3], ["PERORANGAN", 11.2],
]);

const SCALES: readonly BusinessScale[] = ["MIKRO", "KECIL", "MENENGAH", "BESAR"];
/** Scale shares by legal form (mikro, kecil, menengah, besar). */
const SCALE_BY_FORM: Readonly<Record<LegalForm, readonly number[]>> = {
  PT: [0.3, 0.38, 0.22, 0.1],
  CV: [0.55, 0.35, 0.09, 0.01],
  FIRMA: [0.5, 0.4, 0.1, 0],
  PERSEKUTUAN_PERDATA: [0.5, 0.4, 0.1, 0],
  UD: [0.8, 0.18, 0.02, 0],
  KOPERASI: [0.5, 0.35, 0.13, 0.02],
  YAYASAN: [0.4, 0.42, 0.15, 0.03],
  PERUMDA: [0, 0.1, 0.5, 0.4],
  PERORANGAN: [0.9, 0.1, 0, 0],
};
const SCALE_CHOICE = Object.fromEntries(
  Object.entries(SCALE_BY_FORM).map(([form, shares]) => [form, new Weighted(SCALES.map((s, i) => [s, shares[i] ?? 0] as const))]),
) as Record<LegalForm, Weighted<BusinessScale>>;

/**
 * Larger employers are more often registered (inspections, tenders, bank loans ask for it):
 * relative odds by scale, normalised so the overall share is `rates.bpjsRegistered`.
 */
const REGISTRATION_ODDS: Readonly<Record<BusinessScale, number>> = { MIKRO: 0.8, KECIL: 1.15, MENENGAH: 1.4, BESAR: 1.6 };
const REGISTRATION_NORM = (() => {
  const formTotal = LEGAL_FORM_CHOICE.total;
  let sum = 0;
  LEGAL_FORM_CHOICE.items.forEach((form) => {
    const formShare = weightOf(form) / formTotal;
    SCALES.forEach((scale, i) => (sum += formShare * (SCALE_BY_FORM[form][i] ?? 0) * REGISTRATION_ODDS[scale]));
  });
  return sum;
})();
function weightOf(form: LegalForm): number {
  const table: Record<LegalForm, number> = { PT: 40, CV: 19, FIRMA: 1.5, PERSEKUTUAN_PERDATA: 1, UD: 17, KOPERASI: 5, YAYASAN: 5, PERUMDA: 0.3, PERORANGAN: 11.2 };
  return table[form];
}

const MICRO_WORKERS = new Weighted([[1, 25], [2, 25], [3, 18], [4, 14], [5, 7], [6, 4], [7, 3], [8, 2], [9, 2]] as const);
const NOTARY_SEGMENTS = new Weighted<JknSegment>([["PBPU", 55], ["PPU BU", 25], ["PPU PN", 8], ["PBPU Pemda", 4], ["BP", 3], ["PBI JK", 5]]);
const OFFICER_SEGMENTS = new Weighted<JknSegment>([["PPU BU", 60], ["PBPU", 28], ["PPU PN", 5], ["BP", 4], ["PBI JK", 3]]);
const COMMON_WORDS = new Weighted(COMMON_NAME_WORDS);

/**
 * Serial spaces of the identifiers, powers of 4 (no cycle-walking in `Permutation`) that fit their
 * digits and hold at least 3,000,000 businesses: NIB 11 digits after its prefix, Kode WLKP 7,
 * Kemnaker's Kode Badan Usaha 9, BPJS's 8.
 */
const NIB_SPACE = 4 ** 18;
const WLKP_SPACE = 4 ** 11;
const KEMNAKER_CODE_SPACE = 4 ** 14;
const BPJS_CODE_SPACE = 4 ** 13;
/** Employers outside the world that workers are registered with: the top million BPJS serials. */
const OUTSIDE_EMPLOYERS = 1_000_000;

/** Share of businesses with an office landline, and with an address at their own domain, by scale. */
const LANDLINE_SHARE: Readonly<Record<BusinessScale, number>> = { MIKRO: 0.3, KECIL: 0.6, MENENGAH: 0.85, BESAR: 0.95 };
const COMPANY_EMAIL_SHARE: Readonly<Record<BusinessScale, number>> = { MIKRO: 0.15, KECIL: 0.4, MENENGAH: 0.7, BESAR: 0.9 };

/** Regenerating a business core is cheap, but branches and shared names ask for the same few often. */
const CORE_CACHE_SIZE = 4096;

export class DemoWorld {
  private readonly coreCache = new Map<number, BusinessCore>();
  private readonly idWidth: number;
  /** The identifier serials. */
  private readonly serials: { nib: Permutation; wlkp: Permutation; kemnakerCode: Permutation; bpjsCode: Permutation; entityNpwp: Permutation; personalNpwp: Permutation; notaryNpwp: Permutation };

  constructor(
    readonly seed: number,
    readonly rates: DemoRates,
    readonly periodYear: number,
    readonly tree: RegionTree,
    /** Number of businesses (for id width; any index below it is valid). */
    readonly size: number,
  ) {
    this.idWidth = Math.max(6, String(size).length);
    this.serials = {
      nib: new Permutation(NIB_SPACE, hashInts(seed, 31)),
      wlkp: new Permutation(WLKP_SPACE, hashInts(seed, 32)),
      kemnakerCode: new Permutation(KEMNAKER_CODE_SPACE, hashInts(seed, 33)),
      bpjsCode: new Permutation(BPJS_CODE_SPACE, hashInts(seed, 34)),
      entityNpwp: new Permutation(NPWP_SERIALS, hashInts(seed, 21)),
      personalNpwp: new Permutation(NPWP_SERIALS, hashInts(seed, 22)),
      notaryNpwp: new Permutation(NPWP_SERIALS, hashInts(seed, 23)),
    };
  }

  /**
   * Entity NPWPs: taxpayer type 01–03 and a 6-digit serial, from a bijection of the business
   * index, so no two businesses share one (up to 3,000,000 businesses). Personal NPWPs of sole
   * proprietors use types 07–09, notaries' 04–06, each its own serial space.
   */
  entityNpwpPrefix(index: number): string {
    return npwpPrefix(this.serials.entityNpwp.apply(index), 1);
  }

  /**
   * BPJS's Kode Badan Usaha of business `index`. Serials at or above the world's size are
   * employers outside it (workers registered with an employer no partner file lists): still
   * unique, as the serial space holds tens of millions.
   */
  bpjsCode(serial: number): string {
    return pad(this.serials.bpjsCode.apply(serial), 8);
  }

  /** A serial for an employer outside the world, from any number: the top of the serial space. */
  outsideEmployerSerial(n: number): number {
    return BPJS_CODE_SPACE - 1 - (n % OUTSIDE_EMPLOYERS);
  }

  private registrationChance(scale: BusinessScale): number {
    return Math.min(0.98, (this.rates.bpjsRegistered * REGISTRATION_ODDS[scale]) / REGISTRATION_NORM);
  }

  /** Whether business `index` is registered at BPJS, without building the whole business (its first BPJS draw). */
  isBpjsRegistered(index: number): boolean {
    return new Rng(this.seed, STREAM.bpjs, index).chance(this.registrationChance(this.core(index).scale));
  }

  businessId(index: number): string {
    return `BU${pad(index + 1, this.idWidth)}`;
  }

  // -------------------------------------------------------------- business core

  /** Legal form, name, place, KBLI and size as first drawn, before borrowing a name or a head office. */
  private baseCore(index: number): BusinessCore {
    const rng = new Rng(this.seed, STREAM.core, index);
    const roleRoll = rng.float();
    const r = this.rates;
    const role: BusinessRole =
      roleRoll < r.branch
        ? "branch"
        : roleRoll < r.branch + r.sharedName
          ? "shared"
          : roleRoll < r.branch + r.sharedName + r.sharedNameSameRegency
            ? "shared_same_regency"
            : "normal";
    const legalForm = LEGAL_FORM_CHOICE.pick(rng);
    const tbk = legalForm === "PT" && rng.chance(0.005);
    const persero = legalForm === "PT" && rng.chance(0.0015);
    const place = placeIn(rng, this.tree.regencyChoice.pick(rng));
    let scale = SCALE_CHOICE[legalForm].pick(rng);
    if (tbk || persero) scale = "BESAR";
    const workers = workersFor(rng, scale);
    const named = nameFor(rng, legalForm, place);
    const base: BusinessCore = {
      index,
      id: this.businessId(index),
      role,
      legalForm,
      tbk,
      persero,
      nameCore: named.nameCore,
      coopShort: named.coopShort,
      branchLabel: null,
      place,
      kbli: named.kbli,
      scale,
      workers,
      parentIndex: null,
      sharesNameWith: null,
    };
    return role === "normal" ? this.crowded(base) : base;
  }

  /**
   * A business drawn into a crowd (`rates.crowdedRegency`) moves to one of the crowded towns and
   * takes one of the crowd's names, keeping its own NPWP, address and size. Drawn from a stream
   * of its own, so the rest of the world stays as it was.
   */
  private crowded(base: BusinessCore): BusinessCore {
    const rng = new Rng(this.seed, STREAM.slips, STREAM.core, base.index);
    if (!rng.chance(this.rates.crowdedRegency)) return base;
    const regency = this.tree.regencyByCode.get(rng.pick(CROWDED_REGENCIES));
    if (!regency) return base;
    return {
      ...base,
      role: "crowded",
      legalForm: CROWD_FORMS.has(base.legalForm) ? base.legalForm : "UD",
      tbk: false,
      persero: false,
      coopShort: null,
      nameCore: rng.pick(CROWD_NAMES),
      place: placeIn(rng, regency),
    };
  }

  /** The business as it really is: a branch takes its head office's name and form, a shared name is borrowed. */
  core(index: number): BusinessCore {
    const hit = this.coreCache.get(index);
    if (hit) return hit;
    const base = this.baseCore(index);
    let core = base;
    if (base.role !== "normal" && base.role !== "crowded" && index > 0) {
      const rng = new Rng(this.seed, STREAM.core, index, 1);
      const sameTown = new Rng(this.seed, STREAM.slips, STREAM.core, index, 1).chance(this.rates.branchSameRegency);
      for (let attempt = 0; attempt < 4 && core === base; attempt++) {
        // Branches: the head office is close in index so the branch code (index distance) is unique.
        const span = base.role === "branch" ? Math.min(index, 998) : Math.min(index, 20_000);
        const other = index - 1 - rng.int(0, span - 1);
        const donor = this.baseCore(other);
        if (donor.role !== "normal") continue;
        if (base.role === "branch") {
          if ((donor.legalForm !== "PT" && donor.legalForm !== "CV") || donor.scale === "MIKRO") continue;
          const drawn = this.tree.regencyChoice.pick(rng);
          const regency = sameTown ? donor.place.regency : drawn;
          const place = regency === donor.place.regency ? otherPlaceInRegency(rng, donor.place) : placeIn(rng, regency);
          core = {
            ...base,
            legalForm: donor.legalForm,
            tbk: donor.tbk,
            persero: donor.persero,
            nameCore: donor.nameCore,
            coopShort: null,
            kbli: donor.kbli,
            place,
            branchLabel: rng.chance(0.6) ? ` CABANG ${place.regency.baseName.toUpperCase()}` : null,
            parentIndex: other,
          };
        } else if (base.role === "shared") {
          if (donor.place.regency === base.place.regency) continue;
          core = {
            ...base,
            nameCore: donor.nameCore,
            coopShort: donor.coopShort,
            legalForm: rng.chance(0.6) ? donor.legalForm : base.legalForm,
            sharesNameWith: other,
          };
          if (core.legalForm === "PERUMDA" || core.legalForm === "KOPERASI" || core.legalForm === "YAYASAN") core.legalForm = donor.legalForm;
        } else {
          core = {
            ...base,
            nameCore: donor.nameCore,
            coopShort: donor.coopShort,
            legalForm: donor.legalForm,
            place: otherPlaceInRegency(rng, donor.place),
            sharesNameWith: other,
          };
        }
      }
      if (core.legalForm !== "PT") core = { ...core, tbk: false, persero: false };
    }
    if (this.coreCache.size >= CORE_CACHE_SIZE) this.coreCache.clear();
    this.coreCache.set(index, core);
    return core;
  }

  // -------------------------------------------------------------- the full business

  business(index: number): Business {
    const core = this.core(index);
    const rng = new Rng(this.seed, STREAM.details, index);
    const r = this.rates;

    // Identifiers.
    let npwp: string | null = null;
    let npwpIsNik = false;
    const office = taxOffice(core.place.regency);
    if (core.parentIndex !== null) {
      const head = this.entityNpwpPrefix(core.parentIndex);
      npwp = `0${makeNpwp15(head, taxOffice(this.core(core.parentIndex).place.regency), pad(index - core.parentIndex, 3))}`;
    } else if (core.legalForm === "UD" || core.legalForm === "PERORANGAN") {
      // Sole proprietors file taxes under the owner's NPWP; since 2024 that is the owner's NIK.
      const roll = rng.float();
      if (roll < 0.55) {
        npwp = makeNik(rng, core.place.district, this.periodYear, rng.chance(0.35), index);
        npwpIsNik = true;
      } else if (roll < 0.9) {
        npwp = `0${makeNpwp15(npwpPrefix(this.serials.personalNpwp.apply(index), 7), office, "000")}`;
      }
    } else if (AHU_FORMS.has(core.legalForm) || rng.chance(0.97)) {
      // AHU issues a PT/CV its NPWP at registration; some cooperatives and foundations have none.
      npwp = `0${makeNpwp15(this.entityNpwpPrefix(index), office, "000")}`;
    }
    const nibShare = core.parentIndex !== null ? 0 : core.legalForm === "PT" || core.legalForm === "CV" ? 0.95 : core.legalForm === "PERORANGAN" ? 0.6 : 0.8;
    const nibSerial = this.serials.nib.apply(index);
    const nib = rng.chance(nibShare) ? `${nibSerial % 2 === 0 ? "91" : "81"}${pad(nibSerial, 11)}` : null;
    const since = this.periodYear - rng.int(0, 15);
    const kodeWlkp = `${core.place.regency.plainCode}${String(since).slice(2)}${pad(this.serials.wlkp.apply(index), 7)}`;
    const kodeBadanUsahaKemnaker = pad(this.serials.kemnakerCode.apply(index), 9);
    const kodeBadanUsahaBpjs = this.bpjsCode(index);

    // Contact.
    const address = makeAddress(rng);
    const areaCode = AREA_CODE_BY_REGENCY[core.place.regency.code] ?? AREA_CODE_BY_PROVINCE[core.place.province.code] ?? "021";
    const landlineShare = LANDLINE_SHARE[core.scale];
    const officePhone = rng.chance(landlineShare) ? makeLandline(rng, areaCode) : null;
    const adminMobile = rng.chance(0.88) ? makeMobile(rng) : null;
    const contact = makePersonName(rng, rng.chance(0.5));
    const email = makeBusinessEmail(rng, core, contact.name);

    // Which sources see it.
    const ahuRng = new Rng(this.seed, STREAM.ahu, index);
    // AHU registers legal entities, not their branch offices.
    const inAhu = AHU_FORMS.has(core.legalForm) && core.parentIndex === null && ahuRng.chance(r.ahu);
    const bpjsRng = new Rng(this.seed, STREAM.bpjs, index);
    const pRegistered = this.registrationChance(core.scale);
    const bpjsRegistered = bpjsRng.chance(pRegistered);
    const bpjsActive = bpjsRegistered && !bpjsRng.chance(r.bpjsInactive);
    const prospect = !bpjsRegistered && bpjsRng.chance(r.bpjsProspect);
    const inBpjs = bpjsRegistered || prospect;
    // A business no source holds would be invisible: those get a Kemnaker row, and the others'
    // odds are lowered so Kemnaker still reports `rates.kemnaker` of all businesses.
    const kemnakerRng = new Rng(this.seed, STREAM.kemnaker, index);
    const pAhu = AHU_FORMS.has(core.legalForm) && core.parentIndex === null ? r.ahu : 0;
    const pNoOther = (1 - pAhu) * (1 - pRegistered) * (1 - r.bpjsProspect);
    const pKemnaker = pNoOther >= 1 ? 1 : Math.max(0, (r.kemnaker - pNoOther) / (1 - pNoOther));
    const kemnakerDraw = kemnakerRng.chance(pKemnaker);
    const inKemnaker = inAhu || inBpjs ? kemnakerDraw : true;

    let registeredWorkers: number | null = null;
    let status: TrueStatus = "BELUM_TERDAFTAR";
    if (bpjsRegistered) {
      const w = core.workers;
      if (!bpjsActive) {
        status = "TERDAFTAR_NONAKTIF";
        registeredWorkers = Math.max(1, Math.round(w * (0.3 + 0.7 * bpjsRng.float())));
      } else if (inKemnaker && w >= 2 && bpjsRng.chance(r.partial)) {
        status = "DAFTAR_SEBAGIAN";
        registeredWorkers = Math.min(w - 1, Math.max(1, Math.floor(w * (0.1 + 0.8 * bpjsRng.float()))));
      } else {
        status = "TERDAFTAR_AKTIF";
        // BPJS sometimes counts a few more than Kemnaker's older report: still fully registered.
        registeredWorkers = bpjsRng.chance(0.15) ? w + bpjsRng.int(1, 3) : w;
      }
    }
    const registrationYear = bpjsRegistered ? Math.max(2014, this.periodYear - bpjsRng.int(0, 11)) : null;

    // Listed field by field: spreading the core costs more than the rest of this function.
    return {
      index: core.index,
      id: core.id,
      role: core.role,
      legalForm: core.legalForm,
      tbk: core.tbk,
      persero: core.persero,
      nameCore: core.nameCore,
      coopShort: core.coopShort,
      branchLabel: core.branchLabel,
      place: core.place,
      kbli: core.kbli,
      scale: core.scale,
      workers: core.workers,
      parentIndex: core.parentIndex,
      sharesNameWith: core.sharesNameWith,
      npwp,
      npwpIsNik,
      nib,
      kodeWlkp,
      kodeBadanUsahaKemnaker,
      kodeBadanUsahaBpjs,
      address,
      officePhone,
      areaCode,
      adminMobile,
      contactName: contact.display,
      email,
      inKemnaker,
      inAhu,
      inBpjs,
      bpjsRegistered,
      bpjsActive,
      registeredWorkers,
      status,
      registrationYear,
    };
  }

  // -------------------------------------------------------------- officers (AHU pengurus)

  private slotPlan(index: number): { positions: string[]; reuse: boolean[] } {
    const core = this.core(index);
    const rng = new Rng(this.seed, STREAM.officers, index);
    const positions: string[] = [];
    if (core.legalForm === "PT") {
      const directors = rng.chance(0.55) ? 1 : 2;
      const commissioners = rng.chance(0.15) ? 0 : rng.chance(0.7) ? 1 : 2;
      positions.push(PT_POSITIONS[0]);
      if (directors > 1) positions.push(PT_POSITIONS[1]);
      if (commissioners === 1) positions.push(PT_POSITIONS[3]);
      if (commissioners === 2) positions.push(PT_POSITIONS[2], PT_POSITIONS[3]);
    } else if (core.legalForm === "CV") {
      positions.push(CV_POSITIONS[0]);
      const passive = rng.chance(0.2) ? 0 : rng.chance(0.75) ? 1 : 2;
      for (let i = 0; i < passive; i++) positions.push(CV_POSITIONS[1]);
    } else {
      const partners = rng.int(2, 3);
      for (let i = 0; i < partners; i++) positions.push(i === 0 ? FIRMA_POSITIONS[1] : FIRMA_POSITIONS[0]);
    }
    const reuse = positions.map(() => rng.chance(this.rates.officerReuse));
    return { positions: positions.slice(0, 4), reuse: reuse.slice(0, 4) };
  }

  /** A fresh officer: slot `slot` of entity `index`. */
  person(index: number, slot: number): Person {
    const rng = new Rng(this.seed, STREAM.person, index, slot);
    const core = this.core(index);
    const home = rng.chance(0.8) ? placeIn(rng, core.place.regency).district : placeIn(rng, this.tree.regencyChoice.pick(rng)).district;
    const female = rng.chance(0.3);
    const name = makePersonName(rng, female);
    const nik = makeNik(rng, home, this.periodYear, female, index * 8 + slot);
    return {
      id: `PG${pad(index + 1, this.idWidth)}${slot}`,
      name: name.name,
      displayName: name.display,
      female,
      nik,
      email: rng.chance(0.85) ? personalEmail(rng, name.name) : null,
      mobile: rng.chance(0.92) ? makeMobile(rng) : null,
      homeDistrict: home,
    };
  }

  /** The officers of an AHU entity, one to four, some of them officers of other entities too. */
  officers(index: number): OfficerSlot[] {
    const plan = this.slotPlan(index);
    const rng = new Rng(this.seed, STREAM.officers, index, 1);
    return plan.positions.map((position, slot) => {
      if (plan.reuse[slot] && index > 0) {
        for (let attempt = 0; attempt < 3; attempt++) {
          const other = index - 1 - rng.int(0, Math.min(index, 5000) - 1);
          const otherSlot = rng.int(0, 2);
          if (!this.isAhuEntity(other)) continue;
          const otherPlan = this.slotPlan(other);
          if (otherSlot >= otherPlan.positions.length || otherPlan.reuse[otherSlot]) continue;
          return { position, person: this.person(other, otherSlot), fresh: false };
        }
      }
      return { position, person: this.person(index, slot), fresh: true };
    });
  }

  isAhuEntity(index: number): boolean {
    const core = this.core(index);
    return AHU_FORMS.has(core.legalForm) && core.parentIndex === null && new Rng(this.seed, STREAM.ahu, index).chance(this.rates.ahu);
  }

  /** Peserta facts of a fresh officer: null when absent from bpjs-peserta. */
  officerParticipation(person: Person): { active: boolean; segment: JknSegment; year: number } | null {
    const rng = new Rng(this.seed, STREAM.peserta, hashInts(Number(person.nik.slice(0, 8)), Number(person.nik.slice(8))));
    if (!rng.chance(this.rates.officerInPeserta)) return null;
    return { active: !rng.chance(0.1), segment: OFFICER_SEGMENTS.pick(rng), year: Math.max(2014, this.periodYear - rng.int(0, 11)) };
  }

  // -------------------------------------------------------------- notaries

  /** The notary business `index` brings into the world (a few per hundred businesses), or null. */
  notary(index: number): Notary | null {
    const rng = new Rng(this.seed, STREAM.notary, index);
    if (!rng.chance(this.rates.notaries)) return null;
    const core = this.core(index);
    const place = placeIn(rng, core.place.regency);
    const female = rng.chance(0.55);
    const name = makePersonName(rng, female, false);
    const display = `${rng.chance(0.1) ? `${rng.pick(["H.", "Hj.", "Dr."])} ` : ""}${name.name}, ${rng.pick(NOTARY_DEGREES)}`;
    const nik = makeNik(rng, place.district, this.periodYear, female, 900_000_000 + index);
    const useNik = rng.chance(0.6);
    const npwp = useNik ? nik : `0${makeNpwp15(npwpPrefix(this.serials.notaryNpwp.apply(index), 4), taxOffice(place.regency), "000")}`;
    const areaCode = AREA_CODE_BY_REGENCY[place.regency.code] ?? AREA_CODE_BY_PROVINCE[place.province.code] ?? "021";
    const found = rng.chance(this.rates.notaryInPeserta);
    const inactive = found && rng.chance(this.rates.notaryInactive);
    const segment = found ? NOTARY_SEGMENTS.pick(rng) : null;
    const listedUnregistered = !found && rng.chance(0.1);
    return {
      id: `NT${pad(index + 1, this.idWidth)}`,
      name: name.name,
      displayName: display,
      female,
      nik,
      email: rng.chance(0.85) ? notaryEmail(rng, name.name) : null,
      mobile: rng.chance(0.7) ? makeMobile(rng) : null,
      homeDistrict: place.district,
      npwp,
      npwpIsNik: useNik,
      place,
      address: makeAddress(rng),
      officePhone: rng.chance(0.8) ? makeLandline(rng, areaCode) : null,
      areaCode,
      status: !found ? "TIDAK_TERDAFTAR" : inactive ? "TIDAK_AKTIF" : "AKTIF",
      segment,
      listedUnregistered,
      participationYear: found ? Math.max(2014, this.periodYear - rng.int(0, 11)) : null,
    };
  }
}

// ---------------------------------------------------------------- identifiers

/** Serials per NPWP family: 3 taxpayer types × 1,000,000 serials. */
const NPWP_SERIALS = 3_000_000;

/** The first 8 digits of an NPWP: taxpayer type (`firstType` … `firstType + 2`) and a 6-digit serial. */
function npwpPrefix(serial: number, firstType: number): string {
  return `0${firstType + Math.floor(serial / 1_000_000)}${String(serial % 1_000_000).padStart(6, "0")}`;
}

/** A KPP (tax office) code per regency: stable, so businesses of one town share their office. */
function taxOffice(regency: Regency): string {
  return pad(100 + (hashInts(Number(regency.plainCode)) % 800), 3);
}

/**
 * A NIK: district of issue, birth date (women +40), serial. The serial comes from `unique` so
 * two people born the same day in the same district still differ.
 */
function makeNik(rng: Rng, district: District, periodYear: number, female: boolean, unique: number): string {
  return makeNikWithBirthDate(rng, district, periodYear, female, unique).nik;
}

/** A NIK and the birth date it encodes (`yyyy-mm-dd`), for people aged `ages` in the period's year. */
export function makeNikWithBirthDate(
  rng: Rng,
  district: District,
  periodYear: number,
  female: boolean,
  unique: number,
  ages: readonly [number, number] = [22, 68],
): { nik: string; birthDate: string } {
  const year = periodYear - rng.int(ages[0], ages[1]);
  const month = rng.int(1, 12);
  const days = [31, year % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  const day = rng.int(1, days);
  const serial = 1 + (hashInts(unique) % 9999);
  return {
    nik: `${district.plainCode}${pad(female ? day + 40 : day, 2)}${pad(month, 2)}${pad(year % 100, 2)}${pad(serial, 4)}`,
    birthDate: `${year}-${pad(month, 2)}-${pad(day, 2)}`,
  };
}

// ---------------------------------------------------------------- names

function workersFor(rng: Rng, scale: BusinessScale): number {
  switch (scale) {
    case "MIKRO":
      return MICRO_WORKERS.pick(rng);
    case "KECIL":
      return Math.round(Math.exp(Math.log(5) + rng.float() * (Math.log(50) - Math.log(5))));
    case "MENENGAH":
      return Math.round(Math.exp(Math.log(20) + rng.float() * (Math.log(200) - Math.log(20))));
    case "BESAR":
      // Pareto tail: most large employers have a few hundred workers, a few tens of thousands.
      return Math.min(60_000, Math.round(100 / Math.pow(1 - rng.float(), 1 / 1.1)));
  }
}

/**
 * Words of a business name. Two-word names draw rare words more often: "JAYA ABADI" does recur
 * across the country (as in life), but not dozens of times in one city.
 */
function companyWords(rng: Rng, count: number, sectionWords: readonly string[] | null): string[] {
  const words: string[] = [];
  const commonShare = count <= 2 ? 0.4 : 0.6;
  let guard = 0;
  while (words.length < count && guard++ < 20) {
    const word = rng.chance(commonShare) ? COMMON_WORDS.pick(rng) : rng.pick(RARE_NAME_WORDS);
    if (!words.includes(word)) words.push(word);
  }
  if (sectionWords && rng.chance(0.35)) {
    const word = rng.pick(sectionWords);
    if (!words.includes(word)) words[words.length - 1] = word;
  }
  return words;
}

function wordCount(rng: Rng): number {
  const roll = rng.float();
  return roll < 0.35 ? 2 : roll < 0.87 ? 3 : 4;
}

function upperFirst(rng: Rng, female = false): string {
  return rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES).toUpperCase();
}
function upperLast(rng: Rng, female = false): string {
  return rng.pick(female ? FEMALE_LAST_NAMES : MALE_LAST_NAMES).toUpperCase();
}

function nameFor(rng: Rng, form: LegalForm, place: Place): { nameCore: string; coopShort: string | null; kbli: string } {
  const section = KBLI_BY_SECTION[KBLI_SECTION_CHOICE.pick(rng)];
  const kbli = rng.pick(section.codes);
  switch (form) {
    case "PT":
    case "CV":
    case "FIRMA": {
      const roll = rng.float();
      if (roll < 0.05) {
        const word = `${rng.pick(PORTMANTEAU_HEADS)}${rng.pick(PORTMANTEAU_TAILS)}`;
        return { nameCore: rng.chance(0.5) ? word : `${word} ${COMMON_WORDS.pick(rng)}`, coopShort: null, kbli };
      }
      if (roll < 0.12 && form !== "PT") {
        const last = upperLast(rng);
        const nameCore = rng.pick([`${last} PUTRA`, `PUTRA ${last}`, `${upperFirst(rng)} ${last}`, `${last} & SONS`]);
        return { nameCore, coopShort: null, kbli };
      }
      return { nameCore: companyWords(rng, wordCount(rng), section.words).join(" "), coopShort: null, kbli };
    }
    case "PERSEKUTUAN_PERDATA": {
      const first = upperLast(rng);
      const nameCore = rng.chance(0.3) ? `${first}, ${upperLast(rng)} & REKAN` : rng.chance(0.5) ? `${first} & REKAN` : `${first} DAN REKAN`;
      return { nameCore, coopShort: null, kbli: rng.pick(["69101", "69201", "70209", "71102"]) };
    }
    case "UD": {
      const roll = rng.float();
      const nameCore =
        roll < 0.1
          ? `${upperFirst(rng)} ${upperLast(rng)}`
          : roll < 0.18
            ? `H. ${upperFirst(rng)}${rng.chance(0.6) ? ` ${upperLast(rng)}` : ""}`
            : roll < 0.24
              ? `${upperFirst(rng)} JAYA`
              : companyWords(rng, rng.chance(0.7) ? 2 : 3, null).join(" ");
      return { nameCore, coopShort: null, kbli: rng.pick(KBLI_BY_SECTION.G.codes) };
    }
    case "PERORANGAN": {
      const kind = rng.pick(SOLE_PROPRIETOR_KINDS);
      const roll = rng.float();
      const tail =
        roll < 0.2
          ? `${upperFirst(rng)}${rng.chance(0.6) ? ` ${upperLast(rng)}` : ""}`
          : roll < 0.28
            ? `BU ${upperFirst(rng, true)}`
            : companyWords(rng, rng.chance(0.8) ? 2 : 3, null).join(" ");
      return { nameCore: `${kind.word} ${tail}`, coopShort: null, kbli: rng.pick(kind.kbli) };
    }
    case "KOPERASI": {
      const kind = rng.pick(COOPERATIVE_KINDS);
      const tail =
        kind.words === "UNIT DESA" && rng.chance(0.3) ? `${place.village.upperName} ${rng.pick(RARE_NAME_WORDS)}` : companyWords(rng, rng.chance(0.7) ? 2 : 3, null).join(" ");
      return { nameCore: `${kind.words} ${tail}`, coopShort: kind.short, kbli: rng.pick(kind.kbli) };
    }
    case "YAYASAN": {
      const kind = rng.pick(FOUNDATION_KINDS);
      // "YAYASAN PENDIDIKAN ISLAM AL-IKHLAS CIBIRU": the common names carry their place or a second word.
      const roll = rng.float();
      const tail =
        roll < 0.4
          ? `${rng.pick(FOUNDATION_NAMES[kind.names])} ${rng.chance(0.5) ? place.district.upperName : rng.pick(RARE_NAME_WORDS)}`
          : roll < 0.55
            ? rng.pick(FOUNDATION_NAMES[kind.names])
            : companyWords(rng, rng.chance(0.6) ? 2 : 3, null).join(" ");
      return { nameCore: `${kind.words} ${tail}`.trim(), coopShort: null, kbli: rng.pick(kind.kbli) };
    }
    case "PERUMDA": {
      const nameCore = rng.chance(0.7)
        ? `AIR MINUM TIRTA ${rng.pick(RARE_NAME_WORDS)} ${place.regency.baseName.toUpperCase()}`
        : `PASAR ${rng.pick(RARE_NAME_WORDS)} ${place.regency.baseName.toUpperCase()}`;
      return { nameCore, coopShort: null, kbli: nameCore.startsWith("AIR") ? "36000" : "68200" };
    }
  }
}

export function makePersonName(rng: Rng, female: boolean, titles = true): { name: string; display: string } {
  const first = rng.chance(0.02) ? rng.pick(APOSTROPHE_NAMES) : rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const parts = [first];
  const roll = rng.float();
  if (roll < 0.3) parts.push(rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES));
  if (roll < 0.85) parts.push(rng.pick(female ? FEMALE_LAST_NAMES : MALE_LAST_NAMES));
  const name = parts.length === 3 && parts[2] === parts[1] ? `${parts[0]} ${parts[1]}` : parts.length >= 2 && parts[1] === parts[0] ? parts.slice(1).join(" ") : parts.join(" ");
  let display = name;
  if (titles) {
    if (rng.chance(0.08)) display = `${female ? rng.pick(["Hj.", "Dr.", "Ir."]) : rng.pick(HONORIFICS)} ${display}`;
    if (rng.chance(0.12)) display = `${display}, ${rng.pick(DEGREES)}`;
  }
  return { name, display };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

function personalEmail(rng: Rng, name: string): string {
  const parts = name.toLowerCase().split(" ").map(slug).filter(Boolean);
  const base = rng.chance(0.5) ? parts.join(".") : rng.chance(0.5) ? parts.join("") : `${parts[0]}${parts.length > 1 ? parts[parts.length - 1]!.slice(0, 1) : ""}`;
  const digits = rng.chance(0.6) ? String(rng.int(1, 99)) : rng.chance(0.5) ? String(rng.int(1960, 2002)) : "";
  return `${base}${digits}@${PERSONAL_EMAIL_DOMAINS.pick(rng)}`;
}

function notaryEmail(rng: Rng, name: string): string {
  const parts = name.toLowerCase().split(" ").map(slug).filter(Boolean);
  const last = parts[parts.length - 1] ?? "notaris";
  return rng.chance(0.5) ? `notaris.${last}@${PERSONAL_EMAIL_DOMAINS.pick(rng)}` : `${parts.join("")}.sh@${PERSONAL_EMAIL_DOMAINS.pick(rng)}`;
}

function makeBusinessEmail(rng: Rng, core: BusinessCore, contact: string): string | null {
  const companyShare = COMPANY_EMAIL_SHARE[core.scale];
  if (!rng.chance(0.7)) return null;
  if (rng.chance(companyShare) && core.legalForm !== "PERORANGAN") {
    const words = core.nameCore.split(/\s+/).map(slug).filter(Boolean);
    const domain = rng.chance(0.6) ? words.join("") : words.slice(0, 2).join("");
    return `${rng.pick(COMPANY_EMAIL_LOCALS)}@${domain || "usaha"}.${COMPANY_EMAIL_SUFFIXES.pick(rng)}`;
  }
  if (rng.chance(0.5)) {
    const words = core.nameCore.split(/\s+/).map(slug).filter(Boolean);
    return `${words.join("").slice(0, 20)}${rng.chance(0.5) ? rng.int(1, 99) : ""}@${PERSONAL_EMAIL_DOMAINS.pick(rng)}`;
  }
  return personalEmail(rng, contact);
}

function makeAddress(rng: Rng): Address {
  const roll = rng.float();
  let street: string;
  if (roll < 0.12) {
    const word = rng.pick(RARE_NAME_WORDS);
    street = `${rng.pick(BUILDING_PREFIXES)} ${word.charAt(0)}${word.slice(1).toLowerCase()} Blok ${String.fromCharCode(65 + rng.int(0, 7))}${rng.chance(0.5) ? `-${rng.int(1, 20)}` : ""} No. ${rng.int(1, 60)}`;
  } else {
    const prefix = rng.pick(STREET_PREFIXES);
    const name = rng.chance(0.7) ? rng.pick(STREET_NAMES) : rng.pick(rng.chance(0.5) ? MALE_FIRST_NAMES : MALE_LAST_NAMES);
    const number = rng.chance(0.1) ? `${rng.int(1, 250)}${String.fromCharCode(65 + rng.int(0, 3))}` : String(rng.int(1, 250));
    street = `${prefix} ${name} No. ${number}`;
  }
  return { street, rt: rng.int(1, 15), rw: rng.int(1, 12) };
}

function makeLandline(rng: Rng, areaCode: string): string {
  const length = areaCode === "021" ? 8 : areaCode.length === 3 ? 7 : rng.chance(0.5) ? 6 : 7;
  return `${areaCode}${rng.int(2, 8)}${rng.digits(length - 1)}`;
}

export function makeMobile(rng: Rng): string {
  const rest = rng.chance(0.7) ? 8 : rng.chance(0.5) ? 7 : 9;
  return `${rng.pick(MOBILE_PREFIXES)}${rng.int(1, 9)}${rng.digits(rest - 1)}`;
}
