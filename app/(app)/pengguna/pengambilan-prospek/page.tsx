import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { LeadTakeRegionsTable } from "@/components/users/lead-take-regions-table.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/server/access/guard.ts";
import { listLeadTakeRegions } from "@/server/regions/list-lead-take-regions.ts";
import { setLeadTakeRegionAction } from "./actions.ts";

export const metadata: Metadata = { title: "Pengambilan prospek per wilayah" };

const PATH = "/pengguna/pengambilan-prospek";

/** `?provinsi=32` opens that province's regencies/cities; anything else opens none. */
const querySchema = z.object({ provinsi: z.string().regex(/^\d{2}$/).optional().catch(undefined) });

export default async function LeadTakeRegionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("users.manage", { auditView: { action: "page.view", objectType: "page" } });
  const { provinsi } = querySchema.parse(await searchParams);
  const { provinces, opened } = await listLeadTakeRegions({ provinceCode: provinsi });
  const enabledCount = provinces.filter((p) => p.enabled).length + provinces.reduce((sum, p) => sum + p.enabledRegencies, 0);

  return (
    <>
      <PageHeader
        title="Pengambilan prospek per wilayah"
        description="Di wilayah yang diaktifkan, petugas dapat mengambil sendiri prospek yang belum ditugaskan di wilayah tugasnya. Mengaktifkan provinsi berlaku untuk semua kabupaten/kotanya. Setiap perubahan tercatat di jejak audit."
        actions={
          <Link href="/pengguna" className="text-sm font-medium text-brand-700 underline">
            Kembali ke Pengguna
          </Link>
        }
      />
      {provinces.length === 0 ? (
        <EmptyState title="Data wilayah belum dimuat">
          <p>Daftar provinsi dan kabupaten/kota Kemendagri belum ada di database. Muat data wilayah lalu buka halaman ini lagi.</p>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <p role="status" className="text-sm text-slate-600">
            {enabledCount === 0
              ? "Belum ada wilayah yang diaktifkan: hanya supervisor yang menugaskan prospek."
              : `${enabledCount} wilayah diaktifkan.`}
          </p>
          {opened && (
            <section aria-label={`Kabupaten/kota di ${opened.province.name}`} className="space-y-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-base font-semibold text-slate-900">Kabupaten/kota di {opened.province.name}</h2>
                <Link href={PATH} className="text-sm font-medium text-brand-700 underline">
                  Tutup daftar kabupaten/kota
                </Link>
              </div>
              {opened.regencies.length === 0 ? (
                <EmptyState title="Tidak ada kabupaten/kota">
                  <p>Provinsi ini belum memiliki kabupaten/kota di data wilayah.</p>
                </EmptyState>
              ) : (
                <LeadTakeRegionsTable regions={opened.regencies} caption={`Kabupaten/kota di ${opened.province.name}`} action={setLeadTakeRegionAction} />
              )}
            </section>
          )}
          <section aria-label="Provinsi" className="space-y-3">
            <h2 className="text-base font-semibold text-slate-900">Provinsi</h2>
            <LeadTakeRegionsTable regions={provinces} caption="Provinsi" action={setLeadTakeRegionAction} regencyLinkBase={`${PATH}?provinsi=`} />
          </section>
        </div>
      )}
    </>
  );
}
