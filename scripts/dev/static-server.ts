import http from 'node:http';
import path from 'node:path';
import { readFile, stat } from 'node:fs/promises';

/**
 * A static file server for a built output folder, on localhost only.
 * With `liveReload`, every HTML page it serves listens on /__reload
 * (server-sent events) and reloads itself when `reload()` is called.
 */
export interface Server {
  url: string;
  reload: (what?: string) => void;
  close: () => Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};

/**
 * Live reload without a navigation: fetch the page again and swap its body in
 * (fonts, styles and scroll position stay); the page's own scripts are run
 * again. A change of stylesheet or a failed fetch falls back to a full reload.
 */
const reloadScript = `<script data-live-reload>(()=>{if(window.__liveReload)return;window.__liveReload=1;
const s=new EventSource('/__reload');
s.onmessage=async()=>{try{
const r=await fetch(location.href,{cache:'no-store'});if(!r.ok)throw 0;
const d=new DOMParser().parseFromString(await r.text(),'text/html');
const css=x=>[...x.querySelectorAll('link[rel=stylesheet],style')].map(e=>e.outerHTML).join('');
if(css(d)!==css(document))throw 0;
const y=scrollY;document.title=d.title;
const parts=b=>[...b.querySelectorAll('body > *, .page > *, main > *')]
  .filter(e=>e.id||e.matches('header,nav,main,.page')).map(e=>e.id||e.tagName);
if(parts(d.body).join()===parts(document.body).join()){
  for(const n of d.body.querySelectorAll('main > [id], .page > nav, body > header')){
    const sel=n.id?'#'+CSS.escape(n.id):n.matches('nav')?'.page > nav':'body > header';
    const o=document.querySelector(sel);if(o&&o.outerHTML!==n.outerHTML)o.replaceWith(n);
  }
}else{
  document.body.replaceWith(d.body);
  for(const old of document.body.querySelectorAll('script:not([data-live-reload])')){
    const n=document.createElement('script');n.textContent=old.textContent;old.replaceWith(n);
  }
}
scrollTo(0,y);
}catch{location.reload();}};})();</script>`;

export async function serve(dir: string, opts: { port?: number; liveReload?: boolean } = {}): Promise<Server> {
  const root = path.resolve(dir);
  const listeners = new Set<http.ServerResponse>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (opts.liveReload && url.pathname === '/__reload') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) {
        // `/zh` → `/zh/`: the page's relative links (assets/…) resolve against the folder, not its parent.
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
          return;
        }
        file = path.join(file, 'index.html');
      }
      let body: Buffer | string = await readFile(file);
      const type = types[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (opts.liveReload && type.startsWith('text/html'))
        body = body.toString('utf8').replace('</body>', `${reloadScript}</body>`);
      // Font file names change with their content (subsets are named by hash, slices by package version).
      const immutable = /\.woff2?$/.test(file);
      res.writeHead(200, {
        'content-type': type,
        'cache-control': immutable ? 'max-age=31536000, immutable' : 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    reload: (what = 'reload') => {
      for (const res of listeners) res.write(`data: ${what}\n\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of listeners) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
