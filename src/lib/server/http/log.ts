// The server's log: one JSON object per line on stdout (pino), for a log collector to read.
// scripts/serve.js writes the request lines with the same settings (LOG_LEVEL, default info).
import pino from 'pino';

export const log = pino({ level: process.env.LOG_LEVEL || 'info' });
