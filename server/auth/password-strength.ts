import "server-only";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { MIN_PASSWORD_SCORE, PASSWORD_CONTEXT_WORDS, passwordSchema } from "@/lib/password-policy.ts";
import { DomainError } from "@/server/errors.ts";

let checker: Promise<ZxcvbnFactory> | undefined;

/**
 * zxcvbn with its common, English and Indonesian dictionaries (several MB). Loaded on the first
 * password that needs checking, not at start-up, and only ever on the server: nothing in lib/ or
 * components/ imports this file, so the dictionaries never reach a browser bundle.
 */
function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, id] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
      import("@zxcvbn-ts/language-id"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary },
      graphs: common.adjacencyGraphs,
      // Warnings and suggestions in Indonesian: the form shows them as they are.
      translations: id.translations,
    });
  })();
  return checker;
}

export interface PasswordOwner {
  username: string;
  name?: string;
}

export interface PasswordVerdict {
  ok: boolean;
  score: number;
  /** Indonesian feedback for the form; empty when the password is acceptable. */
  message: string;
}

/**
 * The password policy's guessability rule: zxcvbn's score with the user's own name and user name
 * and our context words (jangkau, bpjs, …) as extra dictionary entries, so "Jangkau2026!" or
 * "budi.santoso1234" score as what they are.
 */
export async function judgePassword(password: string, owner: PasswordOwner): Promise<PasswordVerdict> {
  const zxcvbn = await loadChecker();
  const name = (owner.name ?? "").toLowerCase();
  // The whole name, with and without spaces, and each part of it and of the user name.
  const personal = [owner.username, ...owner.username.split(/[._-]+/), name.replace(/\s+/g, ""), ...name.split(/\s+/)].filter((word) => word.length >= 3);
  const result = zxcvbn.check(password, [...PASSWORD_CONTEXT_WORDS, ...personal]);
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true, score: result.score, message: "" };
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return {
    ok: false,
    score: result.score,
    message: `Kata sandi terlalu mudah ditebak.${advice ? ` ${advice}` : " Gunakan beberapa kata yang tidak umum."}`,
  };
}

/**
 * The whole policy, as every way of setting a password applies it (user create, admin reset,
 * self-service change, the CLI, the demo seed): length, then guessability. Throws a DomainError
 * on the `password` field (or `field`) with Indonesian feedback.
 */
export async function enforcePasswordPolicy(password: string, owner: PasswordOwner, field = "password"): Promise<void> {
  const length = passwordSchema.safeParse(password);
  if (!length.success) throw new DomainError(length.error.issues[0]!.message, field);
  const verdict = await judgePassword(password, owner);
  if (!verdict.ok) throw new DomainError(verdict.message, field);
}
