import "server-only";

/**
 * The per-step lines of a match run's log ("  badan usaha: 12.3 s"): each call logs the time
 * since the previous one. The benchmarks read them back (scripts/bench/step-seconds.ts).
 */
export function stepTimer(log: (message: string) => void, indent = "  "): (what: string) => void {
  let last = performance.now();
  return (what) => {
    const now = performance.now();
    log(`${indent}${what}: ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
}
