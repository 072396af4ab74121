import { describe, expect, it } from "vitest";
import { businessEmailForDisplay, isNikNpwp, npwpForDisplay } from "@/lib/personal-data.ts";

describe("NPWP and business email as lists and files show them", () => {
  it("takes a 16-digit NPWP not starting with 0 for a NIK, separators or not", () => {
    expect(isNikNpwp("3273011708450001")).toBe(true);
    expect(isNikNpwp("3273.0117.0845.0001")).toBe(true);
    expect(isNikNpwp("0013121660091000")).toBe(false);
    expect(isNikNpwp("013121660091000")).toBe(false);
    expect(isNikNpwp("32730117084500012")).toBe(false);
  });

  it("masks a NIK used as NPWP and leaves an entity's NPWP whole", () => {
    expect(npwpForDisplay("3273011708450001")).toBe("3273••••••••0001");
    expect(npwpForDisplay("0013121660091000")).toBe("0013121660091000");
    expect(npwpForDisplay(null)).toBeNull();
  });

  it("masks an email on a free webmail domain and leaves a company's whole", () => {
    expect(businessEmailForDisplay("budi@gmail.com")).toBe("b•••@gmail.com");
    expect(businessEmailForDisplay("info@sinarjaya.co.id")).toBe("info@sinarjaya.co.id");
    expect(businessEmailForDisplay(null)).toBeNull();
  });
});
