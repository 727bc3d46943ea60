import type pg from "pg";

/** A transaction of the test's own holding a lock that the service's transactions will wait for. */
export type LockHolder = {
  /** Backends (pids) waiting for this lock. */
  waiting(): Promise<number[]>;
  /** Ends the transaction: the waiting backends go on. */
  release(): Promise<void>;
};

/** Opens a transaction on `pool` and takes a lock with `statement` (`lock table …`, `select … for update`). */
export async function holdLock(
  pool: pg.Pool,
  statement: string,
  params: unknown[] = [],
): Promise<LockHolder> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(statement, params);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  const { pid } = (await client.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!;
  let released = false;
  return {
    async waiting() {
      const { rows } = await pool.query<{ pid: number }>(
        "select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))",
        [pid],
      );
      return rows.map((r) => r.pid);
    },
    async release() {
      if (released) return;
      released = true;
      try {
        await client.query("rollback");
      } finally {
        client.release();
      }
    },
  };
}
