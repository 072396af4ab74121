/** Identifier and field normalisers for the ingest pipeline: pure, safe on client and server. */
export * from "./parse-result.ts";
export * from "./npwp.ts";
export * from "./nik.ts";
export * from "./nib.ts";
export * from "./phone.ts";
export * from "./email.ts";
export * from "./kbli.ts";
export * from "./business-scale.ts";
export * from "./worker-count.ts";
export * from "./postcode.ts";
