import { describe, expect, it } from "vitest";
import { stepSeconds } from "../../../scripts/bench/step-seconds.ts";

describe("stepSeconds", () => {
  const log = [
    "menyimpan hasil (1.4 s)",
    "  notaris: 0.0 s",
    "    kunci pemberi kerja: 0.1 s",
    "    pekerja dan pemberi kerjanya: 0.3 s",
    "  pekerja (200000 pekerja, 5949 badan usaha): 4.4 s",
    "  cakupan: 0.1 s",
  ];

  it("reads the step's own line, not a sub-step that starts with the same word", () => {
    expect(stepSeconds(log, "pekerja")).toBe(4.4);
    expect(stepSeconds(log, "cakupan")).toBe(0.1);
    expect(stepSeconds(["  pekerja: 12 s"], "pekerja")).toBe(12);
  });

  it("is null when the run did not log the step", () => {
    expect(stepSeconds(log.slice(0, 4), "pekerja")).toBeNull();
  });
});
