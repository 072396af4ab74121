"use server";

import { revalidatePath } from "next/cache";
import {
  createSftpEndpointSchema,
  setSftpEndpointActiveSchema,
  sftpEndpointIdSchema,
  updateSftpEndpointSchema,
  type SftpConnectionTestResult,
} from "@/lib/sftp.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { createSftpEndpoint } from "@/server/sftp/create-sftp-endpoint.ts";
import { enqueueSftpPull } from "@/server/sftp/enqueue-sftp-pull.ts";
import { setSftpEndpointActive } from "@/server/sftp/set-sftp-endpoint-active.ts";
import { testSftpConnection } from "@/server/sftp/test-sftp-connection.ts";
import { updateSftpEndpoint } from "@/server/sftp/update-sftp-endpoint.ts";

// Every export is an action built with defineAction, permission `imports.manage`; the
// route × role matrix test reads `.permission` off each one. Secrets arrive in the form and go
// straight to the use case, which seals them; no action returns one.

const SFTP_PATH = "/impor/sftp";

function endpointFields(form: FormData) {
  return {
    name: formText(form, "name"),
    host: formText(form, "host"),
    port: formText(form, "port"),
    username: formText(form, "username"),
    authKind: formText(form, "authKind"),
    password: formText(form, "password"),
    privateKey: formText(form, "privateKey"),
    passphrase: formText(form, "passphrase"),
    hostKeySha256: formText(form, "hostKeySha256"),
    remoteDir: formText(form, "remoteDir"),
    filePattern: formText(form, "filePattern"),
    source: formText(form, "source"),
    zipPassword: formText(form, "zipPassword"),
    periodOverride: formText(form, "periodOverride"),
    pullSchedule: formText(form, "pullSchedule"),
  };
}

export const createSftpEndpointAction = defineAction({
  permission: "imports.manage",
  // Credentials of a partner's server: only right after "Konfirmasi identitas".
  reauth: true,
  schema: createSftpEndpointSchema,
  input: endpointFields,
  handler: async ({ data, auditActor, context }) => {
    const endpoint = await createSftpEndpoint({ input: data, actor: auditActor, context });
    revalidatePath(SFTP_PATH);
    return { message: `Sumber SFTP ${endpoint.name} disimpan.` };
  },
});

export const updateSftpEndpointAction = defineAction({
  permission: "imports.manage",
  // Also without new credentials: a changed host would receive the stored ones.
  reauth: true,
  schema: updateSftpEndpointSchema,
  input: (form) => ({ ...endpointFields(form), endpointId: formText(form, "endpointId"), clearZipPassword: formText(form, "clearZipPassword") === "on" }),
  handler: async ({ data, auditActor, context }) => {
    const endpoint = await updateSftpEndpoint({ input: data, actor: auditActor, context });
    revalidatePath(SFTP_PATH);
    return { message: `Perubahan sumber SFTP ${endpoint.name} disimpan.` };
  },
});

export const setSftpEndpointActiveAction = defineAction({
  permission: "imports.manage",
  schema: setSftpEndpointActiveSchema,
  input: (form) => ({ endpointId: formText(form, "endpointId"), active: formText(form, "active") === "true" }),
  handler: async ({ data, auditActor, context }) => {
    await setSftpEndpointActive({ input: data, actor: auditActor, context });
    revalidatePath(SFTP_PATH);
    return { message: data.active ? "Sumber SFTP diaktifkan." : "Sumber SFTP dinonaktifkan; berkasnya tidak ditarik lagi sampai diaktifkan." };
  },
});

export const testSftpConnectionAction = defineAction<typeof sftpEndpointIdSchema, SftpConnectionTestResult>({
  permission: "imports.manage",
  schema: sftpEndpointIdSchema,
  handler: async ({ data, auditActor, context }) => {
    const result = await testSftpConnection({ input: data, actor: auditActor, context });
    return { message: result.message, result };
  },
});

export const pullSftpEndpointAction = defineAction({
  permission: "imports.manage",
  schema: sftpEndpointIdSchema,
  handler: async ({ data, auditActor, context }) => {
    await enqueueSftpPull({ input: data, actor: auditActor, context });
    return { message: "Penarikan diantrekan. Pekerja latar menariknya sebentar lagi; hasilnya tampil di riwayat di bawah dan di daftar pekerjaan halaman Impor." };
  },
});
