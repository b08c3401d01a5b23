import fs from 'node:fs';
import os from 'node:os';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether the database server runs on this machine: a loopback address, or a Unix socket. */
export function isLocalServer(databaseUrl: string): boolean {
  const url = new URL(databaseUrl);
  const socket = url.searchParams.get('host');
  return socket ? socket.startsWith('/') : loopbackHosts.has(url.hostname) || url.hostname === '';
}

/**
 * A niced process (the job workers run at ENGINE_NICE, see scripts/runtime/priority.ts) has its
 * statements executed by PostgreSQL backends that run at full priority in PostgreSQL's own share
 * of the CPU, where they crowd out the backends serving the API: the CRM's answer then waits for a
 * CPU inside PostgreSQL instead of inside our process. When the server runs on this machine, each
 * backend the process connects to gets the process's own niceness. A server on another machine,
 * or one this user may not renice, is left as it is (logged once).
 */
export function sessionPriority(nice: number, warn: (m: string) => void): (backendPid: number) => void {
  let warned = false;
  return (backendPid) => {
    try {
      // The pid is the server's; on this machine it must be a PostgreSQL backend, or it is not ours to touch.
      if (fs.readFileSync(`/proc/${backendPid}/comm`, 'utf8').trim() !== 'postgres') return;
      os.setPriority(backendPid, nice);
    } catch (err) {
      if (warned) return;
      warned = true;
      warn(`database sessions keep their CPU priority (backend ${backendPid}: ${(err as Error).message})`);
    }
  };
}
