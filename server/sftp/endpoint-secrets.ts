import "server-only";
import { openSecret, sealSecret } from "@/server/secrets/secret-box.ts";

/** What an endpoint authenticates with: a password, or a private key and its optional passphrase. */
export interface SftpAuthSecret {
  password?: string;
  privateKey?: string;
  passphrase?: string;
}

// Bound as associated data: a sealed value copied to another endpoint or field does not open.
const authContext = (endpointId: string) => `sftp-endpoint/${endpointId}/auth`;
const zipContext = (endpointId: string) => `sftp-endpoint/${endpointId}/zip-password`;

export function sealAuthSecret(endpointId: string, secret: SftpAuthSecret): string {
  return sealSecret(JSON.stringify(secret), authContext(endpointId));
}

export function openAuthSecret(endpointId: string, sealed: string): SftpAuthSecret {
  return JSON.parse(openSecret(sealed, authContext(endpointId))) as SftpAuthSecret;
}

export function sealZipPassword(endpointId: string, password: string): string {
  return sealSecret(password, zipContext(endpointId));
}

export function openZipPassword(endpointId: string, sealed: string | null): string | undefined {
  return sealed === null ? undefined : openSecret(sealed, zipContext(endpointId));
}
