"use server";

import { revalidatePath } from "next/cache";
import { jobIdSchema } from "@/lib/jobs.ts";
import { defineAction, formText } from "@/server/actions/define-action.ts";
import { cancelJob } from "@/server/jobs/cancel-job.ts";
import { retryJob } from "@/server/jobs/retry-job.ts";

// Every export is an action built with defineAction, permission `imports.manage`; the route ×
// role matrix test reads `.permission` off each one.

const jobFields = (form: FormData) => ({ name: formText(form, "name"), jobId: formText(form, "jobId") });

export const cancelJobAction = defineAction({
  permission: "imports.manage",
  schema: jobIdSchema,
  input: jobFields,
  handler: async ({ data, auditActor, context }) => {
    await cancelJob({ input: data, actor: auditActor, context });
    revalidatePath("/impor");
    return { message: "Pekerjaan dibatalkan." };
  },
});

export const retryJobAction = defineAction({
  permission: "imports.manage",
  schema: jobIdSchema,
  input: jobFields,
  handler: async ({ data, auditActor, context }) => {
    await retryJob({ input: data, actor: auditActor, context });
    revalidatePath("/impor");
    return { message: "Pekerjaan diantrekan ulang." };
  },
});
