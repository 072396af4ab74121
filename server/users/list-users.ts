import "server-only";
import { db } from "@/server/db/client.ts";
import { toUserDto, userDtoSelect, type UserDto } from "./user-dto.ts";

export async function listUsers(): Promise<UserDto[]> {
  const rows = await db.user.findMany({ select: userDtoSelect, orderBy: [{ active: "desc" }, { username: "asc" }] });
  return rows.map(toUserDto);
}
