import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "server/db/generated/**", ".data/**", "playwright-report/**", "test-results/**", "scratch/**"] },
];

export default config;
