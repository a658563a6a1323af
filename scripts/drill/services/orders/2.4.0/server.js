'use strict';
// orders 2.4.0: order history for a customer, behind a token check against auth;
// responses are now kept in a cache so repeated lookups skip the rebuild.
const http = require('http');
const log = require('./lib/log');
const { version } = require('./package.json');

const port = Number(process.env.PORT);
const authUrl = new URL(process.env.AUTH_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
let nextId = 1;
const responseCache = new Map();

function verify(token) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ token });
    const req = http.request({
      agent, host: authUrl.hostname, port: authUrl.port, path: '/api/auth/verify', method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: 2000,
    }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('timeout', () => req.destroy(new Error('auth verify timed out after 2000 ms')));
    req.on('error', reject);
    req.end(body);
  });
}

function orderHistory(customer, count) {
  const orders = [];
  for (let i = 0; i < count; i++) {
    orders.push({
      id: `${customer}-${1000 + i}`,
      placed: new Date(Date.now() - i * 86400000).toISOString(),
      status: i === 0 ? 'open' : 'delivered',
      lines: [{ sku: `sku-${(i * 7) % 50}`, qty: 1 + (i % 3), price: 4.99 + (i % 20) }],
      address: { street: `${i} Market Street`, city: 'Lagos', zip: `1010${i % 10}` },
    });
  }
  return orders;
}

async function handle(req, res, id) {
  const url = new URL(req.url, 'http://localhost');
  if (req.method !== 'GET' || url.pathname !== '/api/orders') { res.statusCode = 404; return res.end(); }
  const token = (req.headers.authorization || '').replace(/^Bearer /, '');
  let auth;
  try {
    auth = await verify(token);
  } catch (err) {
    log.error({ reqId: id, err }, 'auth verify failed');
    res.statusCode = 503;
    return res.end('{"error":"auth unavailable"}');
  }
  if (auth.status !== 200) { res.statusCode = 401; return res.end('{"error":"unauthorized"}'); }
  const customer = url.searchParams.get('customer') || 'c0';
  const key = `${customer}:${req.headers['x-request-id'] || id}`;
  let entry = responseCache.get(key);
  if (!entry) {
    const orders = orderHistory(customer, 90);
    entry = { orders, body: JSON.stringify({ customer, orders }), at: Date.now() };
    responseCache.set(key, entry);
  }
  res.setHeader('content-type', 'application/json');
  res.end(entry.body);
}

const server = http.createServer((req, res) => {
  const id = nextId++;
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    const responseTime = Number((process.hrtime.bigint() - start) / 1000000n);
    const fields = {
      req: { id, method: req.method, url: req.url, remoteAddress: req.socket.remoteAddress, remotePort: req.socket.remotePort },
      res: { statusCode: res.statusCode }, responseTime,
    };
    if (res.statusCode >= 500) log.error({ ...fields, err: new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
    else log.info(fields, 'request completed');
  });
  handle(req, res, id).catch((err) => { log.error({ reqId: id, err }, 'unhandled error'); res.statusCode = 500; res.end(); });
});

server.keepAliveTimeout = 65000;
server.listen(port, '127.0.0.1', () => log.info({ version, port }, `orders ${version} listening on http://127.0.0.1:${port}`));
setInterval(() => log.info(process.memoryUsage(), 'memory usage'), 10000).unref();
process.on('SIGTERM', () => {
  log.info('received SIGTERM, closing server');
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
  agent.destroy();
});
