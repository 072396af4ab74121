"use client";

import { useRouter } from "next/navigation";
import type { Datum as ChartDatum, Series as ChartSeries } from "@/lib/dashboard/chart-data.ts";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCompact, formatCount } from "@/lib/format.ts";

/**
 * The dashboard's two chart shapes; they only draw what lib/dashboard/chart-data.ts prepared.
 * Every value axis, tick and tooltip prints id-ID numbers; bars that stand for a region open it.
 */

const formatNumber = (value: unknown) => (typeof value === "number" ? formatCount(value) : String(value ?? "–"));
const formatTick = (value: unknown) => (typeof value === "number" ? formatCompact(value) : String(value));
const truncate = (text: string, max = 28) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function DashboardBarChart({
  data,
  series,
  stacked = false,
  horizontal = false,
  categoryAxisLabel,
  valueAxisLabel,
  ariaLabel,
}: {
  data: ChartDatum[];
  series: readonly ChartSeries[];
  stacked?: boolean;
  /** Bars grow to the right, one row per category (long names, many regions). */
  horizontal?: boolean;
  categoryAxisLabel: string;
  valueAxisLabel: string;
  ariaLabel: string;
}) {
  const router = useRouter();
  const height = horizontal ? Math.max(220, 70 + data.length * 28) : 320;
  const open = (datum: unknown) => {
    const href = (datum as { payload?: ChartDatum } | undefined)?.payload?.href;
    if (href) router.push(href);
  };
  const category = { dataKey: "label", tickFormatter: (v: string) => truncate(v), interval: 0 } as const;
  const value = { tickFormatter: formatTick, allowDecimals: false } as const;
  return (
    <figure aria-label={ariaLabel} className="w-full">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 24, bottom: 28, left: horizontal ? 16 : 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {horizontal ? (
            <>
              <XAxis type="number" {...value} label={{ value: valueAxisLabel, position: "insideBottom", offset: -16, fill: "#475569", fontSize: 12 }} fontSize={12} />
              <YAxis type="category" {...category} width={190} fontSize={12} label={{ value: categoryAxisLabel, angle: -90, position: "insideLeft", offset: -8, fill: "#475569", fontSize: 12 }} />
            </>
          ) : (
            <>
              <XAxis {...category} fontSize={12} label={{ value: categoryAxisLabel, position: "insideBottom", offset: -16, fill: "#475569", fontSize: 12 }} />
              <YAxis {...value} fontSize={12} label={{ value: valueAxisLabel, angle: -90, position: "insideLeft", fill: "#475569", fontSize: 12 }} />
            </>
          )}
          <Tooltip formatter={formatNumber} cursor={{ fill: "#f1f5f9" }} />
          <Legend verticalAlign="top" itemSorter={null} wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              stackId={stacked ? "stack" : undefined}
              onClick={open}
              cursor={data.some((d) => d.href) ? "pointer" : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function DashboardLineChart({
  data,
  series,
  categoryAxisLabel,
  valueAxisLabel,
  ariaLabel,
}: {
  data: ChartDatum[];
  series: readonly ChartSeries[];
  categoryAxisLabel: string;
  valueAxisLabel: string;
  ariaLabel: string;
}) {
  return (
    <figure aria-label={ariaLabel} className="w-full">
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 28, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" fontSize={12} label={{ value: categoryAxisLabel, position: "insideBottom", offset: -16, fill: "#475569", fontSize: 12 }} />
          <YAxis tickFormatter={formatTick} allowDecimals={false} fontSize={12} label={{ value: valueAxisLabel, angle: -90, position: "insideLeft", fill: "#475569", fontSize: 12 }} />
          <Tooltip formatter={formatNumber} />
          <Legend verticalAlign="top" itemSorter={null} wrapperStyle={{ fontSize: 12, paddingBottom: 8 }} />
          {series.map((s) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
