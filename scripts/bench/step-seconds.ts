/** Reading a match run's per-step log (`runMatch`'s `log` option), for the benchmarks that time one step. */

/**
 * Seconds of the match run's step named `name`: its log line reads "  pekerja (… pekerja, …
 * badan usaha): 12.3 s" or "  pekerja: 12.3 s" — not its sub-steps ("    pekerja dan pemberi kerjanya: …").
 */
export function stepSeconds(lines: readonly string[], name: string): number | null {
  const pattern = new RegExp(`^\\s*${name}(?: \\([^)]*\\))?: ([0-9]+(?:\\.[0-9]+)?) s$`);
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match) return Number(match[1]);
  }
  return null;
}
