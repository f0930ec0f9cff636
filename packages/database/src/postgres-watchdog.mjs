// The embedded PostgreSQL's watchdog: a tiny process tied to the life of the Node process that started the server.
// Usage (by embedded-postgres.ts): node postgres-watchdog.mjs <postgres pid>, stdin a pipe from that Node process.
// The kernel closes the pipe when its parent dies in any way (SIGKILL, OOM killer, crash): stdin ends, and the
// watchdog stops PostgreSQL (fast shutdown, then immediate, then SIGKILL) so no orphaned server holds the port and
// the data directory. It exits by itself once the server is gone (a normal stop by its parent).
// Plain JavaScript: it runs with `node` alone, without tsx.
const postgresPid = Number.parseInt(process.argv[2] ?? '', 10);
if (!Number.isInteger(postgresPid) || postgresPid <= 0) {
  console.error('postgres-watchdog: expected the postgres pid as its argument');
  process.exit(2);
}

const alive = () => {
  try {
    process.kill(postgresPid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopPostgres() {
  // SIGINT = fast shutdown (aborts sessions, checkpoints, removes postmaster.pid); SIGQUIT = immediate; SIGKILL last.
  for (const [signal, waitMs] of [
    ['SIGINT', 10_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ]) {
    try {
      process.kill(postgresPid, signal);
    } catch {
      break;
    }
    const deadline = Date.now() + waitMs;
    while (alive() && Date.now() < deadline) await sleep(50);
    if (!alive()) break;
  }
  process.exit(0);
}

let stopping = false;
const parentGone = () => {
  if (stopping) return;
  stopping = true;
  void stopPostgres();
};
process.stdin.on('end', parentGone);
process.stdin.on('close', parentGone);
process.stdin.on('error', parentGone);
process.stdin.resume();

// The parent stopped the server itself: nothing left to watch.
setInterval(() => {
  if (!stopping && !alive()) process.exit(0);
}, 1_000);
