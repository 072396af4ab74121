import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client.ts";
import { findLeadViews } from "@/server/leads/find-lead-views.ts";
import { createTestUser } from "../support/factories.ts";

describe("findLeadViews", () => {
  it("lists the user's own saved views by name, and nobody else's", async () => {
    const [owner, other] = await Promise.all([createTestUser({ role: "OFFICER", regionCodes: ["32.73"] }), createTestUser({ role: "OFFICER", regionCodes: ["32.73"] })]);
    await db.savedView.createMany({
      data: [
        { userId: owner.id, name: "Skala besar", query: "skala=besar" },
        { userId: owner.id, name: "Belum terdaftar", query: "status=belum-terdaftar" },
        { userId: other.id, name: "Punya orang lain", query: "cari=kop" },
      ],
    });
    const views = await findLeadViews({ userId: owner.id });
    expect(views.map(({ name, query }) => ({ name, query }))).toEqual([
      { name: "Belum terdaftar", query: "status=belum-terdaftar" },
      { name: "Skala besar", query: "skala=besar" },
    ]);
    expect(views[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await findLeadViews({ userId: (await createTestUser()).id })).toEqual([]);
  });
});
