/** Next.js calls this once at server start, before any request is served. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startApp } = await import("./server/startup/start-app.ts");
    await startApp();
  }
}
