import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LeadFilter } from "@/lib/leads/lead-filter.ts";
import { parseLeadListState, type LeadListState, type LeadSort } from "@/lib/leads/lead-url-state.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { findLeads } from "@/server/leads/find-leads.ts";
import { leadWhere, queryLeads } from "@/server/leads/lead-query.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { businessRow } from "../support/factories.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";

/**
 * leadWhere and findLeads on a small business table of their own: the region scope holds against
 * every filter, each filter selects what it says, search finds NPWP, NIB and misspelt names, and
 * keyset pages cover every row once in every sort.
 */
let database: ThrowawayDatabase;
const ALL: RegionScope = { kind: "all" };
const BANDUNG: RegionScope = { kind: "regions", codes: ["32.73"] };
let officerId: string;
let otherOfficerId: string;
let bandungDistrict: string;
let bandungVillage: string;
let surabayaDistrict: string;

function state(filter: LeadFilter, sort?: LeadSort, direction?: "asc" | "desc"): LeadListState {
  const base = parseLeadListState(new URLSearchParams());
  const withSearch = { ...base, filter, sort: sort ?? (filter.q && !/^\d+$/.test(filter.q) ? "relevansi" : "prioritas") };
  return { ...withSearch, direction: direction ?? (withSearch.sort === "nama" ? "asc" : "desc") };
}

async function ids(filter: LeadFilter, scope: RegionScope = ALL, actorId: string | null = officerId): Promise<number[]> {
  const page = await findLeads({ state: state(filter), scope, actorId, pageSize: 500 });
  return page.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

beforeAll(async () => {
  database = await createThrowawayDatabase("leadlist");
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  setDatabaseUrl(database.url);
  await ensureRegionsLoaded();
  const village = (await db.region.findFirst({ where: { level: "VILLAGE", code: { startsWith: "32.73." } }, orderBy: { code: "asc" } }))!;
  bandungVillage = village.code;
  bandungDistrict = village.code.slice(0, 8);
  const sby = (await db.region.findFirst({ where: { level: "DISTRICT", code: { startsWith: "35.78." } }, orderBy: { code: "asc" } }))!;
  surabayaDistrict = sby.code;
  const [officer, other] = await Promise.all(
    ["petugas-a", "petugas-b"].map((username) =>
      db.user.create({ data: { username, name: `Petugas ${username.slice(-1).toUpperCase()}`, role: "OFFICER" } }),
    ),
  );
  officerId = officer!.id;
  otherOfficerId = other!.id;

  const inBandung = { provinceCode: "32", regencyCode: "32.73", districtCode: bandungDistrict, villageCode: bandungVillage };
  const inSurabaya = { provinceCode: "35", regencyCode: "35.78", districtCode: surabayaDistrict };
  await db.business.createMany({
    data: [
      businessRow(1, { legalForm: "PT", ...inBandung, name: "PT Sinar Jaya Abadi", nameCore: "SINAR JAYA ABADI", npwp: "0013121660091000", nib: "1234567890123", businessScale: "MENENGAH", kbli: "47111", workerCount: 120, workerGap: 120, priority: 90, sources: ["ahu-entitas", "kemnaker-bu"] }),
      businessRow(2, { legalForm: "CV", ...inBandung, name: "CV Berkah Makmur", nameCore: "BERKAH MAKMUR", businessScale: "MIKRO", kbli: "10110", workerCount: 4, workerGap: 4, priority: 40 }),
      businessRow(3, { legalForm: "PT", ...inBandung, name: "PT Bandung Tekstil", nameCore: "BANDUNG TEKSTIL", businessScale: "BESAR", kbli: "13111", workerCount: 800, registeredWorkers: 500, workerGap: 300, status: "DAFTAR_SEBAGIAN", priority: 80, sources: ["bpjs-bu", "kemnaker-bu"] }),
      businessRow(4, { legalForm: "PT", ...inBandung, name: "PT Registered", nameCore: "REGISTERED", status: "TERDAFTAR_AKTIF", priority: 0, sources: ["bpjs-bu"] }),
      businessRow(5, { legalForm: "UD", ...inBandung, name: "UD Sumber Rejeki", nameCore: "SUMBER REJEKI", businessScale: "KECIL", kbli: "56101", status: "TERDAFTAR_NONAKTIF", priority: 60 }),
      businessRow(6, { legalForm: "KOPERASI", provinceCode: "32", regencyCode: "32.73", name: "Koperasi Tanpa Kecamatan", nameCore: "TANPA KECAMATAN", priority: 10 }),
      businessRow(10, { legalForm: "PT", ...inSurabaya, name: "PT Sinar Jaya Surabaya", nameCore: "SINAR JAYA SURABAYA", npwp: "0023121660091000", nib: "9234567890123", businessScale: "MENENGAH", kbli: "47111", workerCount: 150, priority: 95 }),
      businessRow(11, { legalForm: "PT", ...inSurabaya, name: "PT Surabaya Logam", nameCore: "SURABAYA LOGAM", businessScale: "BESAR", kbli: "24100", workerCount: 1000, priority: 85 }),
      // Many equal priorities, for keyset paging.
      ...Array.from({ length: 30 }, (_, i) => businessRow(100 + i, { ...inBandung, name: `Toko ${i}`, nameCore: `TOKO ${String(i).padStart(2, "0")}`, priority: 30 + (i % 3), workerCount: i % 4 === 0 ? null : i })),
    ],
  });
  await db.leadFollowUp.createMany({
    data: [
      { businessId: 1n, status: "DIHUBUNGI", assignedToId: officerId },
      { businessId: 2n, status: "BARU", assignedToId: otherOfficerId },
      { businessId: 3n, status: "MENOLAK" },
    ],
  });
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await database?.drop();
});

describe("region scope", () => {
  it("an officer of 32.73 asking for region 35 (any level) gets nothing", async () => {
    for (const codes of [["35"], ["35.78"], [surabayaDistrict], ["35", "32.73"]]) {
      const found = await ids({ regionCodes: codes }, BANDUNG);
      expect(found.filter((id) => id === 10 || id === 11)).toEqual([]);
      if (codes.length === 1) expect(found).toEqual([]);
    }
  });

  it("no filter escapes it: search, NPWP, NIB, all statuses", async () => {
    expect(await ids({ q: "0023121660091000" }, BANDUNG)).toEqual([]);
    expect(await ids({ q: "9234567890123" }, BANDUNG)).toEqual([]);
    expect(await ids({ q: "sinar jaya" }, BANDUNG)).toEqual([1]);
    expect(await ids({ q: "surabaya" }, BANDUNG)).toEqual([]);
    expect((await ids({ all: true }, BANDUNG)).filter((id) => id === 10 || id === 11)).toEqual([]);
  });

  it("a scope of none sees nothing, and neither does a scoped user without regions", async () => {
    expect(await ids({}, { kind: "none" })).toEqual([]);
    expect(await ids({ all: true }, { kind: "regions", codes: [] })).toEqual([]);
    const sql = leadWhere({}, { kind: "none" }, null);
    expect(sql.where).toContain("FALSE");
  });

  it("an admin sees every region", async () => {
    expect(await ids({ regionCodes: ["35"] })).toEqual([10, 11]);
  });
});

describe("filters", () => {
  it("statuses: leads by default, the given ones, or all", async () => {
    expect(await ids({ regionCodes: [bandungDistrict] }).then((l) => l.filter((id) => id < 100))).toEqual([1, 2, 3, 5]);
    expect(await ids({ statuses: ["DAFTAR_SEBAGIAN"] })).toEqual([3]);
    expect(await ids({ statuses: ["TERDAFTAR_AKTIF"] })).toEqual([4]);
    expect((await ids({ all: true })).includes(4)).toBe(true);
  });

  it("regions at each level", async () => {
    expect((await ids({ regionCodes: ["32"] })).includes(6)).toBe(true);
    expect((await ids({ regionCodes: [bandungDistrict] })).includes(6)).toBe(false);
    expect((await ids({ regionCodes: [bandungVillage] })).includes(1)).toBe(true);
    expect(await ids({ regionCodes: [surabayaDistrict] })).toEqual([10, 11]);
  });

  it("scale, source, KBLI section and code, workers", async () => {
    expect(await ids({ scales: ["MENENGAH", "BESAR"] })).toEqual([1, 3, 10, 11]);
    expect(await ids({ sources: ["ahu-entitas"] })).toEqual([1]);
    expect(await ids({ sources: ["bpjs-bu"] })).toEqual([3]);
    expect(await ids({ kbliSection: "C" })).toEqual([2, 3, 11]);
    expect(await ids({ kbliSection: "I" })).toEqual([5]);
    expect(await ids({ kbli: "471" })).toEqual([1, 10]);
    expect(await ids({ kbli: "13111" })).toEqual([3]);
    expect(await ids({ kbliSection: "G", kbli: "10" })).toEqual([]);
    expect(await ids({ workersMin: 100, workersMax: 900 })).toEqual([1, 3, 10]);
    expect(await ids({ workersMin: 1000 })).toEqual([11]);
  });

  it("follow-up status, including not followed up yet", async () => {
    expect(await ids({ followUpStatuses: ["DIHUBUNGI"] })).toEqual([1]);
    expect(await ids({ followUpStatuses: ["DIHUBUNGI", "MENOLAK"] })).toEqual([1, 3]);
    const notYet = await ids({ followUpStatuses: ["BELUM_DITINDAKLANJUTI"] });
    expect(notYet.includes(1) || notYet.includes(2) || notYet.includes(3)).toBe(false);
    expect(notYet.includes(5)).toBe(true);
  });

  it("unregistered workers at least N (the worker gap), unknown gaps outside; inside the scope", async () => {
    expect(await ids({ gapMin: 100 })).toEqual([1, 3]);
    expect(await ids({ gapMin: 121 })).toEqual([3]);
    expect(await ids({ gapMin: 4, regionCodes: [bandungDistrict] })).toEqual([1, 2, 3]);
    expect(await ids({ gapMin: 0 }, BANDUNG)).toEqual([1, 2, 3]);
    expect(await ids({ gapMin: 100, regionCodes: ["35"] }, BANDUNG)).toEqual([]);
    // The gap sort with the filter: biggest first.
    const page = await findLeads({ state: state({ gapMin: 1 }, "selisih", "desc"), scope: ALL, actorId: officerId });
    expect(page.rows.map((r) => Number(r.id))).toEqual([3, 1, 2]);
  });

  it("assigned officer: an id, me, nobody", async () => {
    expect(await ids({ assignedTo: otherOfficerId })).toEqual([2]);
    expect(await ids({ assignedTo: "saya" })).toEqual([1]);
    expect(await ids({ assignedTo: "saya" }, ALL, null)).toEqual([]);
    const nobody = await ids({ assignedTo: "belum" });
    expect(nobody.includes(1) || nobody.includes(2)).toBe(false);
    expect(nobody.includes(3)).toBe(true);
  });
});

describe("search", () => {
  it("finds an NPWP and a NIB exactly, punctuation ignored", async () => {
    expect(await ids({ q: "00.131.216.6-009.1000" })).toEqual([1]);
    expect(await ids({ q: "1234567890123" })).toEqual([1]);
  });

  it("finds names by prefix, by a word, with typos and with a legal form", async () => {
    expect(await ids({ q: "sinar" })).toEqual([1, 10]);
    expect(await ids({ q: "PT Sinar Jaya" })).toEqual([1, 10]);
    expect(await ids({ q: "sinar jya" })).toEqual([1, 10]);
    expect(await ids({ q: "berkah makmr" })).toEqual([2]);
    expect(await ids({ q: "tekstil" })).toEqual([3]);
    expect(await ids({ q: "zzzzqqq" })).toEqual([]);
  });

  it("ranks the closest name first", async () => {
    const page = await findLeads({ state: state({ q: "sinar jaya surabaya" }), scope: ALL, actorId: null });
    expect(page.rows[0]!.name).toBe("PT Sinar Jaya Surabaya");
  });

  it("leadWhere composes with the caller's own parameters", async () => {
    const sql = leadWhere({ q: "sinar", regionCodes: ["32.73"] }, BANDUNG, null);
    const rows = await queryLeads<{ id: bigint }>(db, `SELECT b.id FROM ${sql.from} WHERE ${sql.where} AND b.priority > $${sql.values.length + 1}`, [
      ...sql.values,
      50,
    ]);
    expect(rows.map((r) => Number(r.id))).toEqual([1]);
  });
});

describe("search by legal form and by any written identifier", () => {
  const inBandung = () => ({ provinceCode: "32", regencyCode: "32.73", districtCode: bandungDistrict });
  const ROWS = [201, 202, 203, 204, 205, 206];
  beforeAll(async () => {
    await db.business.createMany({
      data: [
        businessRow(201, { ...inBandung(), name: "Yayasan Pendidikan Harapan", nameCore: "PENDIDIKAN HARAPAN", legalForm: "YAYASAN", priority: 20 }),
        businessRow(202, { ...inBandung(), name: "Yayasan Pendidikan Bangsa", nameCore: "PENDIDIKAN BANGSA", legalForm: "YAYASAN", priority: 21 }),
        // Its name is the closest to the word "yayasan", and it is no Yayasan.
        businessRow(203, { ...inBandung(), name: "PT Yasa Bangunan", nameCore: "YASA BANGUNAN", legalForm: "PT", priority: 22 }),
        businessRow(204, { ...inBandung(), name: "Mas Jaya", nameCore: "MAS JAYA", legalForm: "UD", priority: 99 }),
        businessRow(205, { ...inBandung(), name: "CV Jaya Teknik", nameCore: "JAYA TEKNIK", legalForm: "CV", priority: 23, kodeWlkp: "3273210004567", kodeBadanUsaha: "00123456" }),
        businessRow(206, { ...inBandung(), name: "Koperasi Karya", nameCore: "KARYA", legalForm: "KOPERASI", priority: 24, npwp: "0025052853687000" }),
      ],
    });
  });
  afterAll(async () => {
    await db.business.deleteMany({ where: { id: { in: ROWS.map(BigInt) } } });
  });

  it("a legal form alone lists that form, by priority", async () => {
    const listed = parseLeadListState(new URLSearchParams({ cari: "yayasan" }));
    expect(listed.sort).toBe("prioritas");
    const page = await findLeads({ state: listed, scope: BANDUNG, actorId: null });
    expect(page.rows.map((r) => r.id)).toEqual(["202", "201"]);
    expect(await ids({ q: "koperasi" }, BANDUNG)).toEqual([6, 206]);
  });

  it("a legal form beside a name narrows to the form and ranks within it", async () => {
    expect(await ids({ q: "cv jaya" }, BANDUNG)).toEqual([205]);
    expect(await ids({ q: "yayasan pendidikan" }, BANDUNG)).toEqual([201, 202]);
    // The same text without the form still finds every JAYA.
    expect(await ids({ q: "jaya" }, BANDUNG)).toEqual(expect.arrayContaining([204, 205]));
  });

  it("finds an NPWP by its 15 digits, dotted as printed, and by its 16", async () => {
    for (const q of ["02.505.285.3-687.000", "025052853687000", "0025052853687000", "0025.0528.5368.7000"]) {
      expect(await ids({ q }, BANDUNG), q).toEqual([206]);
    }
  });

  it("finds a Kode WLKP and a Kode Badan Usaha in any written form", async () => {
    for (const q of ["3273210004567", "3273 21 0004567", "'3273210004567", "00123456", "00.123.456"]) {
      expect(await ids({ q }, BANDUNG), q).toEqual([205]);
    }
    expect(await ids({ q: "00123457" }, BANDUNG)).toEqual([]);
  });
});

describe("rows, sort and pages", () => {
  it("carries region names, follow-up and the officer's name", async () => {
    const page = await findLeads({ state: state({ q: "1234567890123" }), scope: ALL, actorId: null });
    expect(page.rows[0]).toMatchObject({
      id: "1",
      name: "PT Sinar Jaya Abadi",
      regencyName: expect.stringMatching(/bandung/i),
      followUpStatus: "DIHUBUNGI",
      assigneeName: "Petugas A",
      status: "BELUM_TERDAFTAR",
      workerCount: 120,
    });
    expect(page.rows[0]!.districtName).toBeTruthy();
  });

  it("carries only what the table shows: every field is sent to the browser on every list view", async () => {
    const page = await findLeads({ state: state({ q: "1234567890123" }), scope: ALL, actorId: null });
    expect(Object.keys(page.rows[0]!).sort()).toEqual(
      ["assigneeName", "businessScale", "districtName", "followUpStatus", "id", "kbli", "kind", "name", "nib", "npwp", "priority", "provinceName", "regencyName", "sources", "status", "villageName", "workerCount", "workerGap"].sort(),
    );
  });

  it("shows an NPWP that is a NIK masked, and still finds the lead by its clear digits", async () => {
    const nik = "3273011708450001";
    await db.business.update({ where: { id: 2n }, data: { npwp: nik } });
    try {
      const page = await findLeads({ state: state({ q: nik }), scope: ALL, actorId: null });
      expect(page.rows.map((r) => [r.id, r.npwp])).toEqual([["2", "3273••••••••0001"]]);
      expect(JSON.stringify(page.rows)).not.toContain(nik);
      const entity = await findLeads({ state: state({ q: "0013121660091000" }), scope: ALL, actorId: null });
      expect(entity.rows.map((r) => r.npwp)).toEqual(["0013121660091000"]);
    } finally {
      await db.business.update({ where: { id: 2n }, data: { npwp: null } });
    }
  });

  it.each([
    ["prioritas", "desc"],
    ["prioritas", "asc"],
    ["nama", "asc"],
    ["nama", "desc"],
    ["pekerja", "desc"],
    ["pekerja", "asc"],
    ["selisih", "desc"],
    ["selisih", "asc"],
    ["kbli", "asc"],
    ["diperbarui", "desc"],
  ] as const)("pages by %s %s cover every row once, in order", async (sort, direction) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const all = await findLeads({ state: state({}, sort, direction), scope: BANDUNG, actorId: null, pageSize: 500 });
    do {
      const page = await findLeads({ state: { ...state({}, sort, direction), cursor }, scope: BANDUNG, actorId: null, pageSize: 7 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(new Set(seen).size).toBe(all.count.value);
  });

  it.each(["asc", "desc"] as const)("sorts by workers and by gap %s with unknown values last", async (direction) => {
    for (const [sort, value] of [["pekerja", (r: { workerCount: number | null }) => r.workerCount], ["selisih", (r: { workerGap: number | null }) => r.workerGap]] as const) {
      const page = await findLeads({ state: state({}, sort, direction), scope: BANDUNG, actorId: null, pageSize: 500 });
      const values = page.rows.map((r) => value(r as never));
      const firstUnknown = values.indexOf(null);
      expect(firstUnknown, sort).toBeGreaterThan(0);
      expect(values.slice(firstUnknown).every((v) => v === null), sort).toBe(true);
      const known = values.slice(0, firstUnknown) as number[];
      expect(known, sort).toEqual([...known].sort((a, b) => (direction === "asc" ? a - b : b - a)));
    }
  });

  it("pages by workers ascending within a worker range, unknown counts outside", async () => {
    const filter: LeadFilter = { workersMin: 5 };
    const all = await findLeads({ state: state(filter, "pekerja", "asc"), scope: BANDUNG, actorId: null, pageSize: 500 });
    expect(all.rows.every((r) => r.workerCount !== null && r.workerCount >= 5)).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await findLeads({ state: { ...state(filter, "pekerja", "asc"), cursor }, scope: BANDUNG, actorId: null, pageSize: 4 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.rows.map((r) => r.id));
  });

  it("sorts by workers with unknown counts last", async () => {
    const page = await findLeads({ state: state({ regionCodes: [bandungDistrict] }, "pekerja", "desc"), scope: BANDUNG, actorId: null, pageSize: 500 });
    const counts = page.rows.map((r) => r.workerCount);
    expect(counts[0]).toBe(800);
    expect(counts.at(-1)).toBeNull();
    const known = counts.filter((c): c is number => c !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
  });

  it("ignores a cursor made for another sort", async () => {
    const first = await findLeads({ state: state({}, "nama", "asc"), scope: BANDUNG, actorId: null, pageSize: 3 });
    const other = await findLeads({ state: { ...state({}, "prioritas", "desc"), cursor: first.nextCursor }, scope: BANDUNG, actorId: null, pageSize: 3 });
    expect(other.rows[0]!.id).toBe("1");
  });

  it("counts exactly up to the cap", async () => {
    const page = await findLeads({ state: state({}), scope: ALL, actorId: null, pageSize: 5 });
    expect(page.count).toEqual({ value: 37, capped: false });
    expect(page.rows).toHaveLength(5);
  });
});

describe("the count around a page", () => {
  it("asks PostgreSQL for a filter's estimate once, and still counts exactly on every page view", async () => {
    const query = vi.spyOn(pg.Client.prototype, "query");
    const explains = () => query.mock.calls.filter(([sql]) => typeof sql === "string" && sql.startsWith("EXPLAIN")).length;
    try {
      const filter: LeadFilter = { regionCodes: [bandungDistrict], workersMin: 0 };
      const first = await findLeads({ state: state(filter), scope: BANDUNG, actorId: null, pageSize: 1 });
      expect(explains()).toBe(1);
      const second = await findLeads({ state: state(filter), scope: BANDUNG, actorId: null, pageSize: 1 });
      expect(explains()).toBe(1);
      expect(second.count).toEqual(first.count);

      // An exact count is not remembered: a lead that joins the filter is counted on the next view.
      const [{ id }] = await db.$queryRaw<[{ id: bigint }]>`SELECT max(id) + 1 AS id FROM business`;
      await db.business.create({ data: businessRow(Number(id), { provinceCode: "32", regencyCode: "32.73", districtCode: bandungDistrict, name: "PT Hitung Ulang", workerCount: 3 }) });
      const third = await findLeads({ state: state(filter), scope: BANDUNG, actorId: null, pageSize: 1 });
      expect(third.count).toEqual({ value: first.count.value + 1, capped: false });
      expect(explains()).toBe(1);
    } finally {
      query.mockRestore();
    }
  });
});
