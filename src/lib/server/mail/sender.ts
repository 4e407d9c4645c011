// The sender: drains the outbox to an SMTP server (nodemailer, SMTP_URL), one digest per person
// per round — the server runs a round a day, so each person gets one e-mail a day however many
// things happened. A failed send is tried again later (5 minutes, then twice as long each time);
// after MAX_ATTEMPTS the messages are given up, kept and shown on /outbox. Without SMTP_URL
// nothing is sent: the outbox keeps every message for the secretariat to read.
import nodemailer from 'nodemailer';
import type { Db } from '../db';
import * as outbox from './outbox';
import { locales, number, type Locale } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';

export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 5 * 60_000;

/** What sends one e-mail: nodemailer's transport, or anything with its `sendMail`. */
export interface Transport {
	sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** A transport to the SMTP server of `url` (smtp://user:pass@host:port, smtps://…). */
export function transport(url: string): Transport {
	return nodemailer.createTransport(url);
}

/** The link of a message as the recipient reads it: absolute with the configured origin, else the path. */
function absolute(origin: string | null, path: string): string {
	return origin ? new URL(path, origin).href : path;
}

/** The language a digest's own words are in: its messages' reviews' working language when they share one, else English. */
function languageOf(messages: { language?: string | null }[]): Locale {
	const all = new Set(messages.map((x) => x.language ?? 'en'));
	const [only] = all;
	return all.size === 1 && (locales as readonly string[]).includes(only) ? (only as Locale) : 'en';
}

/** One e-mail of a person's waiting messages: the one message, or a digest of them all (each message as it was written, in its review's working language). */
export function digest(messages: (Pick<outbox.Row, 'subject' | 'body' | 'link'> & { language?: string | null })[], origin: string | null): { subject: string; text: string } {
	if (messages.length === 1) {
		const [x] = messages;
		return { subject: x.subject, text: `${x.body}\n\n${absolute(origin, x.link)}\n\n— Treaty Tracker` };
	}
	const lang = languageOf(messages);
	const parts = messages.map((x, i) => `${i + 1}. ${x.subject}\n${x.body}\n${absolute(origin, x.link)}`);
	const subject = m.reviews_mail_digest_subject({ count: messages.length, shown: number(messages.length, lang) }, { locale: lang });
	return { subject, text: `${parts.join('\n\n')}\n\n— Treaty Tracker` };
}

/** One round: every person with messages due gets one e-mail. Returns how many e-mails were sent and how many failed. */
export async function drain(db: Db, opts: { transport: Transport; from: string; origin: string | null; now?: Date }): Promise<{ sent: number; failed: number }> {
	const now = opts.now ?? new Date();
	const due = await outbox.due(db, now);
	const byPerson = new Map<number, typeof due>();
	for (const x of due) byPerson.set(x.user_id, [...(byPerson.get(x.user_id) ?? []), x]);
	let sent = 0;
	let failed = 0;
	for (const messages of byPerson.values()) {
		const ids = messages.map((x) => x.id);
		const { subject, text } = digest(messages, opts.origin);
		try {
			await opts.transport.sendMail({ from: opts.from, to: messages[0].email, subject, text });
			await db.updateTable('outbox').set({ sent_at: now.toISOString(), last_error: null }).where('id', 'in', ids).execute();
			sent++;
		} catch (e) {
			failed++;
			const attempts = Math.max(...messages.map((x) => x.attempts)) + 1;
			const retry = new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (attempts - 1)).toISOString();
			await db
				.updateTable('outbox')
				.set({ attempts, last_error: String((e as Error).message ?? e).slice(0, 500), next_attempt_at: retry, failed_at: attempts >= MAX_ATTEMPTS ? now.toISOString() : null })
				.where('id', 'in', ids)
				.execute();
		}
	}
	return { sent, failed };
}
