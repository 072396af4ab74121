import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { eventLoopTurns } from "@/server/exports/event-loop-turns.ts";

/** Keeps the thread busy for `ms`, as an export's encoding does. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("an export's turns on the web process's thread", () => {
  it("lets callbacks that are waiting run once a slice of work has passed", async () => {
    const turn = eventLoopTurns();
    let waiting = 0;
    setImmediate(() => waiting++);
    work(6);
    await turn();
    expect(waiting).toBe(1);
  });

  it("does not give the thread away before a slice has passed, so short work stays uninterrupted", async () => {
    await nextTurn();
    const turn = eventLoopTurns();
    let waiting = 0;
    setImmediate(() => waiting++);
    expect(turn()).toBeUndefined();
    expect(waiting).toBe(0);
  });

  it("starts a new slice after each turn", async () => {
    const turn = eventLoopTurns();
    work(6);
    await turn();
    expect(turn()).toBeUndefined();
  });
});
