'use strict';
// A minimal logger writing pino's NDJSON records to stdout: level number, epoch-ms
// time, pid, hostname, the bound and passed fields, then msg (pino's key order);
// errors serialised like pino's std serializer (type, message, stack, own props).
const os = require('os');

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
const head = `"pid":${process.pid},"hostname":${JSON.stringify(os.hostname())}`;

function serializeError(err) {
  const out = { type: err.constructor ? err.constructor.name : 'Error', message: err.message, stack: err.stack };
  for (const key of Object.keys(err)) if (!(key in out)) out[key] = err[key];
  return out;
}

function write(level, obj, msg) {
  if (typeof obj === 'string') { msg = obj; obj = undefined; }
  let line = `{"level":${LEVELS[level]},"time":${Date.now()},${head}`;
  if (obj) {
    for (const [key, value] of Object.entries(obj)) {
      if (value === undefined) continue;
      const v = value instanceof Error ? serializeError(value) : value;
      line += `,${JSON.stringify(key)}:${JSON.stringify(v)}`;
    }
  }
  if (msg !== undefined) line += `,"msg":${JSON.stringify(msg)}`;
  process.stdout.write(line + '}\n');
}

module.exports = Object.fromEntries(Object.keys(LEVELS).map((l) => [l, (o, m) => write(l, o, m)]));
