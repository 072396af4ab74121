import "server-only";
import { db } from "@/server/db/client.ts";
import { sftpEndpointDtoSelect, toSftpEndpointDto, type SftpEndpointDto } from "./sftp-endpoint-dto.ts";

/** Every endpoint, active first, by name: a handful per installation. */
export async function listSftpEndpoints(): Promise<SftpEndpointDto[]> {
  const rows = await db.sftpEndpoint.findMany({ select: sftpEndpointDtoSelect, orderBy: [{ active: "desc" }, { name: "asc" }] });
  return rows.map(toSftpEndpointDto);
}

export async function findSftpEndpointByName(name: string): Promise<SftpEndpointDto | null> {
  const row = await db.sftpEndpoint.findUnique({ where: { name: name.trim().toLowerCase() }, select: sftpEndpointDtoSelect });
  return row && toSftpEndpointDto(row);
}
