import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Permission } from "@/lib/permissions.ts";
import { requirePermission, type Authorized } from "@/server/access/guard.ts";
import { assertRecentReauth } from "@/server/auth/reauth-policy.ts";
import { pinReadsToPrimary } from "@/server/db/read-db.ts";
import { DomainError } from "@/server/errors.ts";

/**
 * What a server action hands back to its form (React's `useActionState` shape). Plain data only:
 * it crosses to the browser.
 */
export interface ActionState<Result = unknown> {
  status: "idle" | "success" | "error";
  /** For the form as a whole: a success note, a rule's refusal, an unexpected failure. */
  message?: string;
  /** The first problem per field, keyed by the schema's field name (`username`, `regionCodes`). */
  fieldErrors?: Record<string, string>;
  result?: Result;
}

export interface ActionContext<Data> extends Authorized {
  /** The form, parsed by the action's schema. */
  data: Data;
}

/** What a handler may return: a note for the form and/or a value for the caller. */
export interface ActionOutcome<Result> {
  message?: string;
  result?: Result;
}

export interface ActionDefinition<Schema extends z.ZodType, Result> {
  /** Checked first, before the form is read: every action is a door of its own. */
  permission: Permission;
  schema: Schema;
  /**
   * Turns the submitted FormData into the schema's input. The default takes each field's first
   * value; override it for lists (`formData.getAll`) and booleans.
   */
  input?: (formData: FormData) => unknown;
  /**
   * A sensitive action (partner API keys, SFTP credentials, balikan passwords): refused unless the
   * session confirmed its identity within the last 5 minutes (server/auth/reauth-policy.ts).
   */
  reauth?: boolean;
  /** For the account actions that clear a pending step (forced password change, enrolment). */
  allowPendingStep?: boolean;
  handler: (context: ActionContext<z.output<Schema>>) => Promise<ActionOutcome<Result> | void>;
}

/** A server action built by `defineAction`: callable by forms, and telling tests what it requires. */
export type ServerAction<Result = undefined> = ((previous: ActionState<Result>, formData: FormData) => Promise<ActionState<Result>>) & {
  readonly permission: Permission;
};

/**
 * The one way server actions are built. In order: the guard (no session → sign-in page, missing
 * permission → audited 403), the schema (field errors back to the form), the handler, and the
 * mapping of a `DomainError` — or a `ZodError` raised by the use case's own parse — to a form
 * message. Anything else is unexpected: it is logged with the request id and the form gets a
 * generic message carrying that id. Next's own interrupts (redirect, forbidden) pass through.
 *
 * Export the result from a "use server" file: `export const createUserAction = defineAction({…})`.
 */
export function defineAction<Schema extends z.ZodType, Result = undefined>(
  definition: ActionDefinition<Schema, Result>,
): ServerAction<Result> {
  const action = async (_previous: ActionState<Result>, formData: FormData): Promise<ActionState<Result>> => {
    const authorized = await requirePermission(definition.permission, { allowPendingStep: definition.allowPendingStep });

    const parsed = definition.schema.safeParse((definition.input ?? firstValues)(formData));
    if (!parsed.success) return invalid(parsed.error);

    try {
      if (definition.reauth) assertRecentReauth(authorized.actor);
      const outcome = await definition.handler({ ...authorized, data: parsed.data });
      // The page this action re-renders, and the next few, must show the change (server/db/read-db.ts).
      await pinReadsToPrimary();
      return { status: "success", ...outcome };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof DomainError) {
        return {
          status: "error",
          message: error.message,
          ...(error.field && { fieldErrors: { [error.field]: error.message } }),
        };
      }
      if (error instanceof z.core.$ZodError) return invalid(error);
      console.error(`[action] ${definition.permission} gagal (request ${authorized.context.requestId ?? "-"})`, error);
      return {
        status: "error",
        message: `Terjadi kesalahan yang tidak terduga. Coba lagi; bila berulang, hubungi admin dengan ID permintaan ${authorized.context.requestId ?? "-"}.`,
      };
    }
  };
  return Object.defineProperty(action, "permission", { value: definition.permission, enumerable: true }) as ServerAction<Result>;
}

/** Each field's first value; Next's own `$ACTION_…` fields are skipped. */
export function firstValues(formData: FormData): Record<string, FormDataEntryValue> {
  const values: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION") && !(key in values)) values[key] = value;
  }
  return values;
}

/** A text field's value; "" when absent, so the schema's own message (not "expected string") applies. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** Every value of a repeated field (checkboxes, hidden inputs of a multi-select). */
export function formList(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((value): value is string => typeof value === "string");
}

function invalid<Result>(error: z.core.$ZodError): ActionState<Result> {
  const fieldErrors: Record<string, string> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field === undefined) formErrors.push(issue.message);
    else fieldErrors[String(field)] ??= issue.message;
    // A nested field (`contacts.mitra.email`) is also named in full, for forms with grouped inputs.
    if (issue.path.length > 1) fieldErrors[issue.path.join(".")] ??= issue.message;
  }
  return {
    status: "error",
    message: formErrors[0] ?? "Periksa kembali isian yang ditandai.",
    fieldErrors,
  };
}
