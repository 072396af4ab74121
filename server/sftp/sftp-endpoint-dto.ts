import "server-only";
import type { SftpAuthKind } from "@/lib/sftp.ts";

/**
 * What the page, the CLI and the actions see of an endpoint: never a secret, not even sealed.
 * `hasZipPassword` tells the form to show "tersimpan"; the auth secret always exists.
 */
export interface SftpEndpointDto {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string;
  authKind: SftpAuthKind;
  hostKeySha256: string | null;
  remoteDir: string;
  filePattern: string;
  source: string;
  hasZipPassword: boolean;
  periodOverride: string | null;
  /** Cron text of automatic pulls (WIB); null: by hand only. */
  pullSchedule: string | null;
  active: boolean;
  lastPullAt: Date | null;
  createdByUsername: string;
  updatedByUsername: string;
  createdAt: Date;
  updatedAt: Date;
}

export const sftpEndpointDtoSelect = {
  id: true,
  name: true,
  host: true,
  port: true,
  username: true,
  authKind: true,
  hostKeySha256: true,
  remoteDir: true,
  filePattern: true,
  source: true,
  zipPassword: true,
  periodOverride: true,
  pullSchedule: true,
  active: true,
  lastPullAt: true,
  createdByUsername: true,
  updatedByUsername: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function toSftpEndpointDto(row: Omit<SftpEndpointDto, "hasZipPassword"> & { zipPassword: string | null }): SftpEndpointDto {
  const { zipPassword, ...rest } = row;
  return { ...rest, hasZipPassword: zipPassword !== null };
}
