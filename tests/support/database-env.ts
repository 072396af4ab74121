import { inject } from "vitest";

// Every test file talks to the throwaway database started in global-setup.ts.
process.env.DATABASE_URL = inject("databaseUrl");
// Generated keys and audit checkpoints go to the run's throwaway folder, not the repository's .data.
process.env.JANGKAU_DATA_DIR = inject("dataDir");
// Imports in tests do not start background matching processes; matching tests run it themselves.
process.env.JANGKAU_MATCH_AFTER_IMPORT = "off";
