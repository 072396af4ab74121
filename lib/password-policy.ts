import { z } from "zod";

/**
 * The one password policy. Lengths are checked here, on both sides (forms and server actions
 * share this schema); how guessable a password is needs zxcvbn's dictionaries, which are
 * megabytes, so that part runs only on the server (server/auth/password-strength.ts) and the
 * form shows the server's feedback.
 */
export const MIN_PASSWORD_LENGTH = 12;
// argon2 hashes any length, but an unbounded one lets a caller make us hash megabytes; 128 is
// the one maximum everywhere (forms, sign-in, CLI), long enough for any passphrase manager.
export const MAX_PASSWORD_LENGTH = 128;
/**
 * zxcvbn score a password must reach (0–4). 3 means "safely unguessable: moderate protection
 * from an offline slow-hash scenario" (about 10^8 guesses and more): our hashes are argon2id and
 * sign-in locks after five failures, so 3 is enough and 4 would refuse too many passphrases.
 */
export const MIN_PASSWORD_SCORE = 3;
/** Words that make a password guessable here whatever the dictionaries say. */
export const PASSWORD_CONTEXT_WORDS = ["jangkau", "bpjs", "bpjskesehatan", "kesehatan", "jkn", "kis", "perluasan", "kepesertaan"] as const;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`)
  .max(MAX_PASSWORD_LENGTH, `Kata sandi maksimal ${MAX_PASSWORD_LENGTH} karakter.`);

/** Self-service change: the current password, and the new one typed twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Masukkan kata sandi saat ini.").max(MAX_PASSWORD_LENGTH),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "Konfirmasi kata sandi tidak sama.",
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    message: "Kata sandi baru harus berbeda dari yang lama.",
  });
