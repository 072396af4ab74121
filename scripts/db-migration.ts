/** `npm run db:migration -- <name>`: writes the next migration from prisma/schema.prisma. */
import { prepareDatabase, requireOwnerUrl } from "../server/db/database.ts";
import { disconnectDb } from "../server/db/client.ts";
import { createMigration } from "../server/db/migrate.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/i.test(name)) {
  console.error("Pemakaian: npm run db:migration -- <nama_migrasi> (huruf, angka, garis bawah)");
  process.exit(2);
}
const prepared = await prepareDatabase({ log: (m) => console.error(m), requireOwner: true });
try {
  // The owner: the shadow database the diff replays migrations in needs CREATEDB.
  const file = await createMigration(requireOwnerUrl(prepared), name);
  console.log(`Migrasi baru: ${file}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await disconnectDb();
  if (prepared.embedded?.startedHere) await prepared.embedded.stop();
}
