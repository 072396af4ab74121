import "server-only";
import type { SftpAuthKind } from "@/lib/sftp.ts";
import { DomainError } from "@/server/errors.ts";
import type { SftpAuthSecret } from "./endpoint-secrets.ts";
import { privateKeyProblem } from "./sftp-connection.ts";

/**
 * The auth secret a form submitted, checked: a private key must parse (with its passphrase)
 * before it is stored, so a pasted public key or a wrong passphrase is refused at the form,
 * not at 2 a.m. during a scheduled pull. Null when the form left the secret blank.
 */
export function submittedAuthSecret(
  data: { authKind: SftpAuthKind; password: string; privateKey: string; passphrase: string },
  stored: SftpAuthSecret | null = null,
): SftpAuthSecret | null {
  if (data.authKind === "PASSWORD") return data.password === "" ? null : { password: data.password };
  // A new passphrase alone re-keys the stored private key (the partner re-encrypted it).
  const privateKey = data.privateKey || (data.passphrase ? stored?.privateKey : undefined);
  if (!privateKey) return null;
  const problem = privateKeyProblem(privateKey, data.passphrase);
  if (problem) throw new DomainError(problem, /frasa sandi/.test(problem) ? "passphrase" : "privateKey");
  return data.passphrase ? { privateKey, passphrase: data.passphrase } : { privateKey };
}
