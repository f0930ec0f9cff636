// Small probes the doctor's checks use: TCP connections, a free port, a Redis PING, an HTTP GET. Node builtins only.
import { spawnSync } from 'node:child_process';
import net from 'node:net';

/** Resolves with undefined once a TCP connection to host:port opens, or with the error's code. */
export function tcpProblem(host, port, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (problem) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => finish('timed out'));
    socket.once('connect', () => finish(undefined));
    socket.once('error', (error) => finish(error.code ?? error.message));
  });
}

/** undefined when `port` can be listened on (as the servers do, on every interface), else who holds it. */
export function portProblem(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error) => resolve(error.code === 'EADDRINUSE' ? `taken${holderOf(port)}` : (error.code ?? error.message)));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** " by <process> (pid N)" when `ss` can tell, else "". */
function holderOf(port) {
  const result = spawnSync('ss', ['-H', '-ltnp', `sport = :${port}`], { encoding: 'utf8' });
  const match = result.stdout?.match(/users:\(\("([^"]+)",pid=(\d+)/);
  return match ? ` by ${match[1]} (pid ${match[2]})` : '';
}

/** undefined when a Redis server at `url` answers PING with PONG. */
export function redisProblem(url) {
  let target;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve('not a URL');
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.hostname || '127.0.0.1', port: Number(target.port || 6379) });
    const finish = (problem) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(2_000, () => finish('timed out'));
    socket.once('error', (error) => finish(error.code ?? error.message));
    socket.once('connect', () => {
      const password = decodeURIComponent(target.password || '');
      socket.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n');
    });
    socket.on('data', (chunk) => {
      const text = chunk.toString();
      if (text.includes('+PONG')) finish(undefined);
      else if (text.startsWith('-')) finish(text.trim());
    });
  });
}

/** undefined when GET `url` answers 2xx within the timeout, else why not. */
export async function httpProblem(url, timeoutMs = 3_000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return error?.cause?.code ?? error?.message ?? String(error);
  }
}

/** Host and port of a postgresql:// URL (defaults 127.0.0.1:5432). */
export function postgresAddress(url) {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 5432) };
}
