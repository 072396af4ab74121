import { describe, expect, it } from "vitest";
import { classifyReplica } from "@/server/db/read-db.ts";

describe("classifyReplica", () => {
  it("reads a replica within the lag limit, passes over one beyond it or whose lag is unknown", () => {
    expect(classifyReplica(0, 60)).toMatchObject({ status: "ok", lagSeconds: 0 });
    expect(classifyReplica(59.96, 60)).toMatchObject({ status: "ok", lagSeconds: 60 });
    expect(classifyReplica(61, 60)).toMatchObject({ status: "lagging", lagSeconds: 61 });
    expect(classifyReplica(null, 60)).toMatchObject({ status: "lagging", lagSeconds: null });
  });
});
