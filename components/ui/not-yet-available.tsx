import { EmptyState } from "./empty-state.tsx";
import { PageHeader } from "./page-header.tsx";

/**
 * The honest state of a page whose capability a later release delivers: it says so, and what
 * the page will do, instead of showing made-up data.
 */
export function NotYetAvailable({ title, purpose }: { title: string; purpose: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Fitur ini belum tersedia">
        <p>{purpose}</p>
        <p className="mt-2">Halaman ini akan aktif pada rilis berikutnya. Belum ada data yang ditampilkan.</p>
      </EmptyState>
    </>
  );
}
