import { constructTable } from "@tanstack/react-table";
// The vanilla reactivity of the table core, which @tanstack/react-table pins exactly.
import { storeReactivityBindings } from "@tanstack/table-core/store-reactivity-bindings";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, dataTableColumns, dataTableFeatures } from "@/components/data-table/data-table.tsx";

interface Fruit {
  id: string;
  name: string;
  count: number;
}

const helper = dataTableColumns<Fruit>();
const columns = helper.columns([helper.accessor("name", { id: "name", header: "Nama" }), helper.accessor("count", { id: "count", header: "Jumlah" })]);
const data: Fruit[] = [
  { id: "a", name: "Apel", count: 3 },
  { id: "b", name: "Belimbing", count: 5 },
];

function render(props: Partial<Parameters<typeof DataTable<Fruit>>[0]> = {}): string {
  return renderToStaticMarkup(createElement(DataTable<Fruit>, { columns, data, getRowId: (row: Fruit) => row.id, caption: "Buah", ...props }));
}

describe("DataTable", () => {
  it("draws a named, focusable scroll box with a caption, sort buttons, resize handles and row headers", () => {
    const html = render({ sortable: { count: "desc" }, rowHeader: "name", sort: { column: "count", direction: "desc" }, onSort: () => undefined });
    expect(html).toMatch(/^<div role="group" aria-label="Buah" tabindex="0" class="relative overflow-x-auto/);
    expect(html).toContain('<caption class="sr-only">Buah</caption>');
    expect(html).toContain('aria-sort="descending"');
    expect(html).toContain('aria-label="Urutkan menurut Jumlah (sekarang turun)"');
    expect(html).not.toContain("Urutkan menurut Nama");
    expect(html).toContain('role="separator" aria-orientation="vertical" aria-label="Lebar kolom Nama"');
    expect(html).toContain('<th scope="row" class="px-3 py-2 align-top text-left font-normal">Apel</th>');
  });

  it("shows no checkboxes unless selection is asked for, then one per row and a select-all", () => {
    expect(render()).not.toContain('type="checkbox"');
    const html = render({ selection: { selectedIds: ["b"], onChange: () => undefined, rowLabel: (row: Fruit) => row.name } });
    expect(html).toContain('aria-label="Pilih semua baris"');
    expect(html).toMatch(/<input type="checkbox" class="size-5" aria-label="Pilih Apel"\/>/);
    expect(html).toMatch(/<input type="checkbox" class="size-5" aria-label="Pilih Belimbing" checked=""\/>/);
  });

  it("names the header checkbox as asked and ticks it by the rows shown alone, whatever else is picked", () => {
    const selection = (selectedIds: string[], onChange: (ids: string[]) => void = () => undefined) => ({
      selectedIds,
      onChange,
      rowLabel: (row: Fruit) => row.name,
      selectAllLabel: "Pilih semua di halaman ini",
    });
    const header = (html: string) => html.match(/<input[^>]*aria-label="Pilih semua di halaman ini"[^>]*>/)?.[0] ?? "";
    expect(header(render({ selection: selection(["a", "b", "z"]) }))).toContain('checked=""');
    expect(header(render({ selection: selection(["z", "y"]) }))).not.toContain("checked");
    expect(header(render({ selection: selection(["a"]) }))).not.toContain("checked");
  });

  it("spans a cell over the next columns and closes with a footer", () => {
    const html = render({ cellSpan: (row: Fruit, column: string) => (row.id === "a" ? (column === "name" ? 2 : 0) : 1), footer: { name: "Total", count: "8" } });
    expect(html).toMatch(/<td colspan="2"[^>]*>Apel<\/td>/i);
    expect(html).toContain("<tfoot");
    expect(html.match(/<td/g)?.length).toBe(5);
  });

  it("calls each shown column's cell with TanStack's context: row, column, value, fallback and the cell itself", () => {
    const described = helper.columns([
      helper.accessor("name", {
        id: "name",
        header: "Nama",
        cell: ({ row, column, getValue, cell }) => `${column.id}:${getValue()}:${row.original.count}:${cell.id}:${cell.getValue()}`,
      }),
      helper.accessor((fruit) => (fruit.count > 4 ? null : fruit.count), { id: "few", header: "Sedikit", cell: ({ renderValue }) => String(renderValue()) }),
      helper.accessor("count", { id: "count", header: "Jumlah", cell: () => "tersembunyi" }),
    ]);
    const html = render({ columns: described, visibleColumns: ["name", "few"] });
    expect(html).toContain(">name:Apel:3:a_name:Apel</td>");
    expect(html).toContain(">3</td>");
    // The accessor gives null for Belimbing: the table's fallback (none set) comes back.
    expect(html).toContain(">undefined</td>");
    expect(html).not.toContain("tersembunyi");
    expect(html.match(/<td/g)?.length).toBe(4);
  });
});

describe("DataTable's features", () => {
  /** The row ids the table's features put in order for a sort, outside React. */
  function order(sorting: { id: string; desc: boolean }, manualSorting: boolean): string[] {
    const table = constructTable({
      features: { ...dataTableFeatures, coreReactivityFeature: storeReactivityBindings() },
      columns,
      data: [...data, { id: "c", name: "Ceri", count: 4 }],
      getRowId: (row: Fruit) => row.id,
      manualSorting,
      state: { sorting: [sorting] },
    } as unknown as Parameters<typeof constructTable>[0]) as unknown as { getRowModel: () => { rows: { id: string }[] } };
    return table.getRowModel().rows.map((row) => row.id);
  }

  it("sort a short list in the browser, and leave a server-sorted list as it came", () => {
    expect(order({ id: "count", desc: true }, false)).toEqual(["b", "c", "a"]);
    expect(order({ id: "name", desc: true }, false)).toEqual(["c", "b", "a"]);
    expect(order({ id: "count", desc: true }, true)).toEqual(["a", "b", "c"]);
  });
});
