import { describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/format-bytes.ts";

describe("formatBytes", () => {
  it("writes binary units with id-ID decimals, one decimal below 100 of a unit", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1.023 B");
    expect(formatBytes(12 * 1024)).toBe("12 KB");
    expect(formatBytes(1536)).toBe("1,5 KB");
    expect(formatBytes(640 * 1024 * 1024)).toBe("640 MB");
    expect(formatBytes(1.5 * 1024 ** 3)).toBe("1,5 GB");
    expect(formatBytes(2 * 1024 ** 3)).toBe("2 GB");
    expect(formatBytes(150.4 * 1024 ** 2)).toBe("150 MB");
    expect(formatBytes(2048 * 1024 ** 4)).toBe("2.048 TB");
  });
});
