/**
 * The letters next to each letter on a QWERTY keyboard: a slip of the finger lands next door.
 * The demo generator types its slips with it; matching reads a short word with its first letter
 * one key off as the word.
 */
export const KEY_NEIGHBORS: Readonly<Record<string, string>> = {
  A: "QSZW", B: "VGHN", C: "XDFV", D: "SERFCX", E: "WSDR", F: "DRTGVC", G: "FTYHBV", H: "GYUJNB",
  I: "UJKO", J: "HUIKMN", K: "JIOLM", L: "KOP", M: "NJK", N: "BHJM", O: "IKLP", P: "OL",
  Q: "WA", R: "EDFT", S: "AWEDXZ", T: "RFGY", U: "YHJI", V: "CFGB", W: "QASE", X: "ZSDC",
  Y: "TGHU", Z: "ASX",
};

/** True when capital letters `a` and `b` are next to each other on the keyboard. */
export function keysAdjacent(a: string, b: string): boolean {
  return KEY_NEIGHBORS[a]?.includes(b) ?? false;
}
