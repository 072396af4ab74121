"use client";

import { useState, useTransition } from "react";
import type { FormAction } from "./use-action-form.ts";

/**
 * Calls a server action from a button rather than a form submit (a count, a reveal): `call`
 * sends the given fields and hands a successful result to `onResult`; a refusal or a lost
 * connection becomes `error`, in Indonesian.
 */
export function useActionCall<Result>(action: FormAction<Result> | undefined, onResult: (result: Result) => void, failure: string) {
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();

  function call(fields: Record<string, string>) {
    if (!action) return;
    setError("");
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    startTransition(async () => {
      try {
        const state = await action({ status: "idle" }, form);
        if (state.status === "success" && state.result !== undefined) onResult(state.result);
        else setError(state.message ?? failure);
      } catch {
        setError("Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.");
      }
    });
  }
  return { call, pending, error };
}
