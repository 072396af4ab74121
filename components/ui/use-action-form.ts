"use client";

import { useState, useTransition } from "react";
import type { ActionState } from "@/server/actions/define-action.ts";

/** A server action built with defineAction, as a client component receives it. */
export type FormAction<Result = undefined> = (previous: ActionState<Result>, formData: FormData) => Promise<ActionState<Result>>;

const IDLE: ActionState<never> = { status: "idle" };

/**
 * Submits a form to a server action and keeps its answer. Unlike `<form action>`, React does not
 * reset the fields afterwards, so a refused form keeps what the user typed; `onSuccess` runs once
 * per successful submit (close the dialog, show the note).
 */
export function useActionForm<Result>(action: FormAction<Result>, onSuccess?: (state: ActionState<Result>) => void) {
  const [state, setState] = useState<ActionState<Result>>(IDLE);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(async () => {
      let next: ActionState<Result>;
      try {
        next = await action(state, formData);
      } catch {
        next = { status: "error", message: "Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi." };
      }
      startTransition(() => {
        setState(next);
        if (next.status === "success") onSuccess?.(next);
      });
    });
  }

  // A refusal about one field is shown at that field only, not a second time for the form.
  const formMessage = state.message && Object.values(state.fieldErrors ?? {}).includes(state.message) ? undefined : state.message;
  return { state, pending, onSubmit, formMessage, fieldError: (name: string) => state.fieldErrors?.[name] };
}
