import type { Actor } from "../audit/audit.repository.js";
import { systemClock } from "../clock.js";
import type { Deps } from "../deps.js";

/** What a directory change works with: the database, the clock, the outbox's wake-up, and who changes it. */
export type DirectoryDeps = Pick<Deps, "db" | "clock" | "config" | "mailQueued">;

/** A directory write: who makes it, for the audit log. */
export type DirectoryWrite = { deps: DirectoryDeps; actor: Actor };

/** Directory deps outside the HTTP server (the command line, the demo loader, tests, benchmarks). */
export function standaloneDirectoryDeps(
  db: Deps["db"],
  config: Deps["config"],
  clock: DirectoryDeps["clock"] = systemClock,
): DirectoryDeps {
  return { db, clock, config, mailQueued: () => {} };
}
