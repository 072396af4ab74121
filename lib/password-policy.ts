import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;
// argon2 hashes any length, but an unbounded one lets a caller make us hash megabytes.
export const MAX_PASSWORD_LENGTH = 256;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`)
  .max(MAX_PASSWORD_LENGTH, `Kata sandi maksimal ${MAX_PASSWORD_LENGTH} karakter.`);
