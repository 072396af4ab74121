import { reauthenticateAction } from "@/app/akun/actions.ts";
import { ReauthButton } from "@/components/auth/reauth-button.tsx";
import type { Metadata } from "next";
import { CreateApiKeyForm } from "@/components/partners/create-api-key-form.tsx";
import { ApiKeysTable, type ApiKeyRow } from "@/components/partners/api-keys-table.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { PARTNER_IDS, PARTNER_LABELS, sourcesOfPartner } from "@/lib/partner-api.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { agreementHasEnded, isAgreementPartner } from "@/lib/agreements.ts";
import { todayWib } from "@/lib/leads/follow-up.ts";
import { listPartnerAgreements } from "@/server/agreements/list-partner-agreements.ts";
import { listPartnerApiKeys } from "@/server/partners/list-partner-api-keys.ts";
import { createPartnerApiKeyAction, revokePartnerApiKeyAction } from "./actions.ts";

export const metadata: Metadata = { title: "Kunci API Mitra" };

export default async function PartnerApiKeysPage() {
  await requirePermission("imports.manage");
  const [keys, agreements] = await Promise.all([listPartnerApiKeys(), listPartnerAgreements()]);
  const today = todayWib();
  const lastDays = new Map(agreements.map((agreement) => [agreement.partner, agreement.lastDay]));
  const validUntil = (partner: string): ApiKeyRow["validUntil"] => {
    if (!isAgreementPartner(partner) || !lastDays.has(partner)) return { kind: "no_agreement" };
    const day = lastDays.get(partner) ?? null;
    return day ? { kind: "day", day, ended: agreementHasEnded(day, today) } : { kind: "agreement_unknown" };
  };
  const partners = PARTNER_IDS.map((id) => ({ id, label: PARTNER_LABELS[id], sources: sourcesOfPartner(id) }));

  return (
    <>
      <PageHeader
        title="Kunci API Mitra"
        description="Kunci untuk web service mitra (POST /api/v1/partners/{sumber}/records). Setiap kunci hanya boleh mengirim ke sumber data mitranya, ditampilkan sekali saat dibuat, dan dapat dicabut; kunci Kemnaker dan AHU berlaku sampai perjanjian kerja sama mitranya berakhir. Semua perubahan dan setiap panggilan tercatat di jejak audit. Membuat kunci memerlukan konfirmasi identitas dalam 5 menit terakhir."
        actions={<ReauthButton action={reauthenticateAction} />}
      />
      <section aria-labelledby="buat-kunci" className="mb-8 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="buat-kunci" className="mb-3 text-base font-semibold text-slate-900">
          Buat kunci baru
        </h2>
        <CreateApiKeyForm partners={partners} createAction={createPartnerApiKeyAction} />
      </section>
      <section aria-labelledby="daftar-kunci">
        <h2 id="daftar-kunci" className="mb-3 text-base font-semibold text-slate-900">
          Daftar kunci
        </h2>
        {keys.length === 0 ? (
          <EmptyState title="Belum ada kunci API">
            <p>Buat kunci untuk mitra yang mengirim data lewat web service. Dokumentasi API: /api/v1/openapi.json.</p>
          </EmptyState>
        ) : (
          <ApiKeysTable
            keys={keys.map((key) => ({ ...key, partnerLabel: PARTNER_LABELS[key.partner], validUntil: validUntil(key.partner) }))}
            revokeAction={revokePartnerApiKeyAction}
          />
        )}
      </section>
    </>
  );
}
