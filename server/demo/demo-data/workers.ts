import "server-only";
import { hashInts, pad, Rng, STREAM, Weighted } from "./prng.ts";
import { placeIn } from "./regions.ts";
import { FOREIGN_NAMES, WORKER_POSITIONS, type JknSegment } from "./vocabulary.ts";
import { makeNikWithBirthDate, makePersonName, type Business, type DemoWorld } from "./world.ts";

/**
 * The workers Kemnaker lists one by one (kemnaker-tk, Lampiran I.2) and their JKN participation,
 * each a pure function of (seed, business, serial), coherent with the business: an unregistered
 * business has no worker registered under it; a fully registered one has all its listed workers
 * registered there; a partly registered or inactive one has BPJS's registered count of them there
 * (in proportion when the list is capped). The others are registered under another employer, in
 * another segment (PBI JK, PBPU, …), or not at all.
 */

/** The JKN status a correct match gives each listed worker (the `worker_status` table). */
export type WorkerJknStatus = "TERDAFTAR_DI_SINI" | "TERDAFTAR_DI_LAIN" | "SEGMEN_LAIN" | "BELUM_TERDAFTAR";
export const WORKER_JKN_STATUSES: readonly WorkerJknStatus[] = ["TERDAFTAR_DI_SINI", "TERDAFTAR_DI_LAIN", "SEGMEN_LAIN", "BELUM_TERDAFTAR"];

export type EmploymentStatus = "PKWTT" | "PKWT" | "HARIAN_LEPAS" | "BORONGAN";
/** The employer key a business's worker rows carry. */
export type EmployerKey = "wlkp" | "npwp" | "nib";

/** How Kemnaker lists one business's workers. */
export interface WorkerListing {
  business: Business;
  /** Workers listed: all of them, up to the cap. */
  listed: number;
  /** Of them, registered in JKN (PPU BU) under this business. */
  here: number;
  /** PPU BU participants under this business that the list leaves out (BPJS counts a few more). */
  unlisted: number;
  /** Kode WLKP mostly; a few businesses' rows carry only their NPWP or only their NIB. */
  employerKey: EmployerKey;
  /** Which serials are registered here: those whose rank `(serial × STRIDE + offset) mod listed` is below `here`. */
  offset: number;
}

export interface WorkerEmployer {
  /** The employer's world index and id; null for an employer outside the world. */
  index: number | null;
  id: string | null;
  kodeBadanUsaha: string;
  /** Set only when the participant row may link by NPWP (this business's own workers). */
  npwp: string | null;
  npwpIsNik: boolean;
}

export interface WorkerParticipation {
  segment: JknSegment;
  active: boolean;
  year: number;
  /** PPU BU only: the employer it is registered under. */
  employer: WorkerEmployer | null;
}

export interface ForeignDocuments {
  passport: string;
  kitas: string;
  niora: string | null;
}

export interface Worker {
  id: string;
  businessIndex: number;
  serial: number;
  name: string;
  displayName: string;
  female: boolean;
  /** Null for foreigners (WNA), who are known by passport and KITAS. */
  nik: string | null;
  /** `yyyy-mm-dd`, the date the NIK encodes. */
  birthDate: string;
  foreign: ForeignDocuments | null;
  position: string;
  employment: EmploymentStatus;
  /** `yyyy-mm-dd`. */
  startDate: string;
  status: WorkerJknStatus;
  /** Null when absent from JKN. */
  participation: WorkerParticipation | null;
  /** Absent from JKN, yet listed in bpjs-peserta as "Belum terdaftar". */
  listedUnregistered: boolean;
}

/** A PPU BU participant under a business that Kemnaker's list leaves out. */
export interface UnlistedParticipant {
  id: string;
  nik: string;
  displayName: string;
  participation: WorkerParticipation;
}

/** Workers listed per business in the demo: a 60,000-worker employer's full list would be the whole demo. */
export const DEMO_WORKER_CAP = 200;

/** A prime above any list length, so `serial × STRIDE mod listed` is a bijection of the serials. */
const STRIDE = 1_000_003;

const POSITIONS = new Weighted(WORKER_POSITIONS);
const FOREIGN_POSITIONS = new Weighted([["Tenaga Ahli", 40], ["Manajer", 25], ["Konsultan", 15], ["Direktur Teknik", 10], ["Supervisor", 10]] as const);
const EMPLOYMENT = new Weighted<EmploymentStatus>([["PKWTT", 45], ["PKWT", 40], ["HARIAN_LEPAS", 10], ["BORONGAN", 5]]);
const OTHER_SEGMENTS = new Weighted<JknSegment>([["PBPU", 45], ["PBI JK", 35], ["PBPU Pemda", 12], ["BP", 5], ["PPU PN", 3]]);

/**
 * Of the workers not registered under their listed employer: registered under another employer,
 * in another segment, or not at all. A registered employer's workers are more often covered
 * somewhere (a worker's previous employer that never deregistered them, a spouse's PBPU family).
 */
const NOT_HERE: Readonly<Record<"registered" | "unregistered", Weighted<WorkerJknStatus>>> = {
  registered: new Weighted<WorkerJknStatus>([["TERDAFTAR_DI_LAIN", 15], ["SEGMEN_LAIN", 30], ["BELUM_TERDAFTAR", 55]]),
  unregistered: new Weighted<WorkerJknStatus>([["TERDAFTAR_DI_LAIN", 8], ["SEGMEN_LAIN", 22], ["BELUM_TERDAFTAR", 70]]),
};

/**
 * Kemnaker's worker list of business `b`, or null when Kemnaker sends none for it (it does for
 * `rates.workerRows` of the businesses it reports; `always` lists every one, for benchmarks).
 * `npwpKnown` / `nibKnown`: the business's NPWP / NIB can be read from its kemnaker-bu row, so
 * rows carrying only that key still find it.
 */
export function workerListing(
  world: DemoWorld,
  b: Business,
  options: { cap: number; npwpKnown: boolean; nibKnown: boolean; always?: boolean },
): WorkerListing | null {
  if (!b.inKemnaker) return null;
  const rng = new Rng(world.seed, STREAM.workers, b.index);
  const drawn = rng.chance(world.rates.workerRows);
  if (!drawn && !options.always) return null;
  const w = b.workers;
  const listed = Math.min(w, options.cap);
  const registered = b.registeredWorkers ?? 0;
  // In proportion when the list is capped; a partly registered business keeps at least one
  // worker on each side, so its gap stays visible.
  const scaled = listed === w ? registered : Math.round((registered * listed) / w);
  let here = 0;
  if (b.status === "TERDAFTAR_AKTIF") here = listed;
  else if (b.status === "DAFTAR_SEBAGIAN") here = Math.min(listed - 1, Math.max(1, scaled));
  else if (b.status === "TERDAFTAR_NONAKTIF") here = Math.min(listed, scaled);
  const unlisted = b.status === "TERDAFTAR_AKTIF" && listed === w ? Math.max(0, registered - w) : 0;
  const keyRoll = rng.float();
  const employerKey: EmployerKey = keyRoll < 0.85 ? "wlkp" : keyRoll < 0.95 ? (options.npwpKnown ? "npwp" : "wlkp") : options.nibKnown ? "nib" : "wlkp";
  return { business: b, listed, here, unlisted, employerKey, offset: rng.int(0, listed - 1) };
}

function workerId(world: DemoWorld, businessIndex: number, serial: number, prefix = "TK"): string {
  return `${prefix}${world.businessId(businessIndex).slice(2)}-${serial + 1}`;
}

/** Worker `serial` (0 … listed − 1) of a listing. */
export function listedWorker(world: DemoWorld, listing: WorkerListing, serial: number): Worker {
  const b = listing.business;
  const rng = new Rng(world.seed, STREAM.workers, b.index, 1 + serial);
  const year = world.periodYear;
  const foreignShare = b.legalForm === "PT" && (b.scale === "MENENGAH" || b.scale === "BESAR") ? 0.008 : 0.0005;
  const isForeign = rng.chance(foreignShare);
  const female = rng.chance(isForeign ? 0.15 : 0.38);
  const home = rng.chance(0.7) ? placeIn(rng, b.place.regency).district : placeIn(rng, world.tree.regencyChoice.pick(rng)).district;
  const born = makeNikWithBirthDate(rng, home, year, female, hashInts(b.index, serial, 0x7e), [18, 58]);
  const age = year - Number(born.birthDate.slice(0, 4));
  // No honorifics or degrees before 25.
  const person = isForeign ? { name: rng.pick(FOREIGN_NAMES), display: "" } : makePersonName(rng, female, age >= 25);
  const foreign: ForeignDocuments | null = isForeign
    ? {
        passport: `${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(7)}`,
        kitas: `2C${rng.int(11, 21)}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(4)}`,
        niora: rng.chance(0.4) ? `${rng.int(1, 9)}${rng.digits(15)}` : null,
      }
    : null;
  const startYear = year - rng.int(0, Math.max(0, Math.min(20, age - 18)));
  const startDate = `${startYear}-${pad(rng.int(1, startYear === year ? 6 : 12), 2)}-${pad(rng.int(1, 28), 2)}`;
  // Foreign workers may only be hired on fixed-term contracts (PKWT).
  const employment = isForeign ? "PKWT" : EMPLOYMENT.pick(rng);
  const position = isForeign ? FOREIGN_POSITIONS.pick(rng) : POSITIONS.pick(rng);

  const rank = (serial * STRIDE + listing.offset) % listing.listed;
  const status: WorkerJknStatus = rank < listing.here ? "TERDAFTAR_DI_SINI" : NOT_HERE[b.bpjsRegistered ? "registered" : "unregistered"].pick(rng);
  const joined = Math.max(2014, startYear);
  let participation: WorkerParticipation | null = null;
  let listedUnregistered = false;
  switch (status) {
    case "TERDAFTAR_DI_SINI":
      participation = {
        segment: "PPU BU",
        // Workers of an inactive employer mostly lapse with it (arrears).
        active: b.bpjsActive ? !rng.chance(0.03) : rng.chance(0.1),
        year: Math.min(year, Math.max(b.registrationYear ?? joined, joined)),
        employer: { index: b.index, id: b.id, kodeBadanUsaha: b.kodeBadanUsahaBpjs, npwp: b.npwp, npwpIsNik: b.npwpIsNik },
      };
      break;
    case "TERDAFTAR_DI_LAIN":
      participation = { segment: "PPU BU", active: !rng.chance(0.15), year: Math.max(2014, year - rng.int(1, 9)), employer: otherEmployer(world, rng, b.index, serial) };
      break;
    case "SEGMEN_LAIN":
      participation = { segment: OTHER_SEGMENTS.pick(rng), active: !rng.chance(0.1), year: Math.max(2014, year - rng.int(0, 11)), employer: null };
      break;
    case "BELUM_TERDAFTAR":
      listedUnregistered = rng.chance(0.05);
      break;
  }
  return {
    id: workerId(world, b.index, serial),
    businessIndex: b.index,
    serial,
    name: person.name,
    displayName: isForeign ? person.name : person.display,
    female,
    nik: isForeign ? null : born.nik,
    birthDate: born.birthDate,
    foreign,
    position,
    employment,
    startDate,
    status,
    participation,
    listedUnregistered,
  };
}

/**
 * The employer a worker is registered under instead: an earlier registered business of the world
 * (a previous employer that never deregistered them) or, for 30 %, one outside it.
 */
function otherEmployer(world: DemoWorld, rng: Rng, index: number, serial: number): WorkerEmployer {
  if (index > 0 && rng.chance(0.7)) {
    const other = index - 1 - rng.int(0, Math.min(index, 5000) - 1);
    if (world.isBpjsRegistered(other)) {
      return { index: other, id: world.businessId(other), kodeBadanUsaha: world.bpjsCode(other), npwp: null, npwpIsNik: false };
    }
  }
  const outside = world.outsideEmployerSerial(hashInts(world.seed, index, serial));
  return { index: null, id: null, kodeBadanUsaha: world.bpjsCode(outside), npwp: null, npwpIsNik: false };
}

/** Participant `k` of the PPU BU participants under `b` that Kemnaker's list leaves out. */
export function unlistedParticipant(world: DemoWorld, listing: WorkerListing, k: number): UnlistedParticipant {
  const b = listing.business;
  const rng = new Rng(world.seed, STREAM.workers, b.index, 1_000_000 + k);
  const female = rng.chance(0.38);
  const born = makeNikWithBirthDate(rng, placeIn(rng, b.place.regency).district, world.periodYear, female, hashInts(b.index, k, 0x7f), [18, 58]);
  const person = makePersonName(rng, female);
  return {
    id: workerId(world, b.index, k, "PX"),
    nik: born.nik,
    displayName: person.display,
    participation: {
      segment: "PPU BU",
      active: b.bpjsActive,
      year: b.registrationYear ?? world.periodYear,
      employer: { index: b.index, id: b.id, kodeBadanUsaha: b.kodeBadanUsahaBpjs, npwp: b.npwp, npwpIsNik: b.npwpIsNik },
    },
  };
}
