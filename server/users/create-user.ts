import "server-only";
import { isRegionScoped } from "@/lib/permissions.ts";
import { createUserSchema, type CreateUserInput } from "@/lib/user-schemas.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { hashPassword } from "@/server/auth/passwords.ts";
import { enforcePasswordPolicy } from "@/server/auth/password-strength.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { assertAssignableRegions } from "./assert-regions-exist.ts";
import { toUserDto, userDtoSelect, type UserDto } from "./user-dto.ts";

export interface CreateUserOptions {
  input: CreateUserInput;
  actor: AuditActor;
  context: RequestContext;
  /**
   * The user must replace the password at first sign-in: true for accounts an admin creates on
   * the Pengguna page (the admin knows the password); the CLI asks for it with a flag.
   */
  mustChangePassword?: boolean;
}

export async function createUser({ input, actor, context, mustChangePassword = false }: CreateUserOptions): Promise<UserDto> {
  const data = createUserSchema.parse(input);
  const regionCodes = isRegionScoped(data.role) ? data.regionCodes : [];
  await enforcePasswordPolicy(data.password, data);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: data.username }, select: { id: true } })) {
      throw new DomainError(`Nama pengguna "${data.username}" sudah dipakai.`, "username");
    }
    await assertAssignableRegions(tx, regionCodes);
    const user = await tx.user.create({
      data: {
        username: data.username,
        name: data.name,
        role: data.role,
        passwordHash,
        mustChangePassword,
        regions: { create: regionCodes.map((regionCode) => ({ regionCode })) },
      },
      select: userDtoSelect,
    });
    await appendAuditEvent(tx, {
      action: "user.create",
      actor,
      objectType: "user",
      objectId: user.id,
      details: { username: user.username, role: user.role, regionCodes, mustChangePassword },
      context,
    });
    return toUserDto(user);
  });
}
