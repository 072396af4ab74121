import "server-only";
import type { SftpEndpoint } from "@/server/db/generated/client.ts";
import { SecretBoxError } from "@/server/secrets/secret-box.ts";
import { openAuthSecret, openZipPassword } from "./endpoint-secrets.ts";
import { SftpConnectionError, type SftpTarget } from "./sftp-connection.ts";

/**
 * An endpoint's row with its secrets opened, for the length of one connection or pull. Server
 * only: nothing here may be returned to a page or written to a log.
 */
export function sftpTargetOf(endpoint: SftpEndpoint): { target: SftpTarget; zipPassword: string | undefined } {
  try {
    return {
      target: {
        host: endpoint.host,
        port: endpoint.port,
        username: endpoint.username,
        authKind: endpoint.authKind,
        secret: openAuthSecret(endpoint.id, endpoint.secret),
        hostKeySha256: endpoint.hostKeySha256,
      },
      zipPassword: openZipPassword(endpoint.id, endpoint.zipPassword),
    };
  } catch (error) {
    if (error instanceof SecretBoxError) throw new SftpConnectionError("secret_unreadable", error.message);
    throw error;
  }
}
