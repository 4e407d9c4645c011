// Secrets of accounts: random tokens (sessions, API tokens, invitations) of which only the
// SHA-256 is stored, so a copy of the database opens nothing; and time arithmetic they share.
import { createHash, randomBytes } from 'node:crypto';

export const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export const newToken = () => randomBytes(32).toString('base64url');

export const plus = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

export const DAY = 24 * 60 * 60 * 1000;
