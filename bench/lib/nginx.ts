import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForPort } from './wait-for-port.ts';

export interface NginxProxy {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Start Debian's nginx as a plain reverse proxy with upstream keep-alive: the physical-limit
 * baseline for "one extra hop" (it authenticates nothing, logs nothing durable).
 */
export async function startNginxProxy(options: { readonly port: number; readonly upstream: string; readonly workers?: number }): Promise<NginxProxy> {
  const prefix = await mkdtemp(join(tmpdir(), 'ndxp-nginx-'));
  await mkdir(join(prefix, 'logs'));
  const upstream = new URL(options.upstream);
  const conf = `
worker_processes ${options.workers ?? 1};
daemon off;
error_log ${prefix}/logs/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream provider { server ${upstream.host}; keepalive 64; }
  server {
    listen 127.0.0.1:${options.port};
    location / {
      proxy_pass http://provider;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
  const file = join(prefix, 'nginx.conf');
  await writeFile(file, conf);
  const child: ChildProcess = spawn('nginx', ['-p', prefix, '-c', file], { stdio: 'ignore' });
  await waitForPort(options.port);
  return {
    url: `http://127.0.0.1:${options.port}`,
    async stop() {
      child.kill('SIGQUIT');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
