import { reauthenticateAction } from "@/app/akun/actions.ts";
import { ReauthButton } from "@/components/auth/reauth-button.tsx";
import type { Metadata } from "next";
import Link from "next/link";
import { SftpEndpointCard, type SftpEndpointView } from "@/components/sftp/sftp-endpoint-card.tsx";
import { CreateSftpEndpointDialog } from "@/components/sftp/sftp-endpoint-dialogs.tsx";
import { sourceLabel } from "@/components/imports/labels.ts";
import { SftpFetchHistory } from "@/components/sftp/sftp-fetch-history.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requirePermission } from "@/server/access/guard.ts";
import { listSftpEndpoints } from "@/server/sftp/list-sftp-endpoints.ts";
import { listSftpFetches } from "@/server/sftp/list-sftp-fetches.ts";
import {
  createSftpEndpointAction,
  pullSftpEndpointAction,
  setSftpEndpointActiveAction,
  testSftpConnectionAction,
  updateSftpEndpointAction,
} from "./actions.ts";

export const metadata: Metadata = { title: "Sumber SFTP" };

// The history shows the latest fetches; older ones stay in the database and the audit trail.
const HISTORY_ROWS = 100;

export default async function SftpSourcesPage() {
  await requirePermission("imports.manage");
  const [endpoints, fetches] = await Promise.all([listSftpEndpoints(), listSftpFetches({ limit: HISTORY_ROWS })]);

  const views: SftpEndpointView[] = endpoints.map((endpoint) => ({
    id: endpoint.id,
    name: endpoint.name,
    host: endpoint.host,
    port: endpoint.port,
    username: endpoint.username,
    authKind: endpoint.authKind,
    hostKeySha256: endpoint.hostKeySha256,
    remoteDir: endpoint.remoteDir,
    filePattern: endpoint.filePattern,
    source: endpoint.source,
    sourceLabel: sourceLabel(endpoint.source),
    periodOverride: endpoint.periodOverride,
    pullSchedule: endpoint.pullSchedule,
    hasZipPassword: endpoint.hasZipPassword,
    active: endpoint.active,
    lastPullAt: endpoint.lastPullAt,
    updatedByUsername: endpoint.updatedByUsername,
    updatedAt: endpoint.updatedAt,
  }));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/impor" className="text-brand-700 underline-offset-2 hover:underline">
          ← Impor Data
        </Link>
      </p>
      <PageHeader
        title="Sumber SFTP"
        description="Server SFTP mitra yang berkasnya ditarik dan diimpor otomatis. Berkas yang sudah diambil atau sudah diimpor dilewati. Kata sandi dan kunci disimpan terenkripsi dan tidak pernah ditampilkan lagi."
        actions={
          <>
            <ReauthButton action={reauthenticateAction} />
            <CreateSftpEndpointDialog createAction={createSftpEndpointAction} />
          </>
        }
      />

      {views.length === 0 ? (
        <EmptyState title="Belum ada sumber SFTP">
          <p>
            Tambahkan server SFTP mitra dengan tombol “Tambah sumber SFTP”, atau dari terminal dengan <code>npx jangkau sftp add</code>.
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {views.map((endpoint) => (
            <SftpEndpointCard
              key={endpoint.id}
              endpoint={endpoint}
              actions={{
                updateAction: updateSftpEndpointAction,
                setActiveAction: setSftpEndpointActiveAction,
                testAction: testSftpConnectionAction,
                pullAction: pullSftpEndpointAction,
              }}
            />
          ))}
        </div>
      )}

      <section aria-labelledby="riwayat-sftp" className="mt-8">
        <h2 id="riwayat-sftp" className="mb-3 text-lg font-semibold text-slate-900">
          Riwayat pengambilan
        </h2>
        {fetches.length === 0 ? (
          <EmptyState title="Belum ada berkas yang diambil">
            <p>Setiap berkas yang ditarik tercatat di sini dengan SHA-256 dan hasil impornya.</p>
          </EmptyState>
        ) : (
          <SftpFetchHistory fetches={fetches} />
        )}
      </section>
    </>
  );
}
