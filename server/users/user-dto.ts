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
  regions: { regionCode: string }[];
}): UserDto {
  const { regions, ...rest } = row;
  return { ...rest, regionCodes: regions.map((r) => r.regionCode) };
}
