/**
 * `npm run addin:https`: HTTPS in front of the sync service for development, because Office loads
 * add-in pages only over HTTPS (the manifest points at https://localhost:3000). It listens on
 * https://localhost:3000 with the certificate that `office-addin-dev-certs` made and forwards
 * every request to the service started with `PORT=3001 npm start`. Nothing here runs in tests or
 * CI, and nothing installs a certificate: that step is the person's (see the README).
 *
 *   PAC_TLS_CERT / PAC_TLS_KEY   certificate files (default ~/.office-addin-dev-certs/localhost.*)
 *   PAC_HTTPS_PORT               port to listen on (default 3000)
 *   PAC_UPSTREAM                 the service (default http://127.0.0.1:3001)
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';

const certDir = join(homedir(), '.office-addin-dev-certs');
const certFile = process.env.PAC_TLS_CERT ?? join(certDir, 'localhost.crt');
const keyFile = process.env.PAC_TLS_KEY ?? join(certDir, 'localhost.key');
const port = Number(process.env.PAC_HTTPS_PORT ?? 3000);
const upstream = new URL(process.env.PAC_UPSTREAM ?? 'http://127.0.0.1:3001');

let tls: { cert: Buffer; key: Buffer };
try {
  tls = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
} catch {
  console.error(
    `Certificat introuvable (${certFile}) : lancez d'abord « npx office-addin-dev-certs install ». / ` +
      `Certificate not found (${certFile}): run "npx office-addin-dev-certs install" first.`,
  );
  process.exit(2);
}

createServer(tls, (req, res) => {
  const forward = request(
    {
      hostname: upstream.hostname,
      port: upstream.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: upstream.host, 'x-forwarded-proto': 'https' },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forward.on('error', () => {
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Service injoignable sur ${upstream.href} / service unreachable at ${upstream.href}`);
  });
  req.pipe(forward);
}).listen(port, () => {
  console.log(`https://localhost:${port}/ → ${upstream.href}`);
});
