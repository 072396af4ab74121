import "server-only";
import type { Role } from "@/lib/permissions.ts";

/** What the admin pages see of a user: never the password hash or OIDC subject. */
export interface UserDto {
  id: string;
  username: string;
  name: string;
  role: Role;
  active: boolean;
  regionCodes: string[];
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  /** When the user's authenticator (TOTP) was enrolled; null without one. Never the secret. */
  secondFactorEnabledAt: Date | null;
  mustChangePassword: boolean;
}

export const userDtoSelect = {
  id: true,
  username: true,
  name: true,
  role: true,
  active: true,
  lockedUntil: true,
  lastLoginAt: true,
  createdAt: true,
  totpEnabledAt: true,
  mustChangePassword: true,
  regions: { select: { regionCode: true }, orderBy: { regionCode: "asc" } },
} as const;

export function toUserDto(row: {
  id: string;
  username: string;
  name: string;
  role: Role;
  active: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  totpEnabledAt: Date | null;
  mustChangePassword: boolean;
  regions: { regionCode: string }[];
}): UserDto {
  const { regions, totpEnabledAt, ...rest } = row;
  return { ...rest, secondFactorEnabledAt: totpEnabledAt, regionCodes: regions.map((r) => r.regionCode) };
}
