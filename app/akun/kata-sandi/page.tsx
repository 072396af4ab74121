import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/server/access/guard.ts";
import { changeOwnPasswordAction } from "../actions.ts";

export const metadata: Metadata = { title: "Ganti kata sandi" };

export default async function ChangePasswordPage() {
  const { actor } = await requirePermission("account.self", { allowPendingStep: true });
  return (
    <>
      <PageHeader
        title="Ganti kata sandi"
        description="Kata sandi baru berlaku segera; sesi Anda di perangkat lain diakhiri."
      />
      {actor.mustChangePassword && (
        <p role="status" className="mb-4 max-w-xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Kata sandi Anda dibuat atau diatur ulang oleh admin. Ganti dengan kata sandi yang hanya Anda ketahui sebelum melanjutkan.
        </p>
      )}
      <ChangePasswordForm action={changeOwnPasswordAction} />
    </>
  );
}
