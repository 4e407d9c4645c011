import { type Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// The outbox: every message the app means to send by e-mail (a review launched, a person named,
// a stage moved, a question asked or answered, a deadline near or passed), written in the same
// transaction as the change it tells of, so nothing is told that did not happen and nothing that
// happened goes untold. A sender drains it (one digest per person), with retries; without a mail
// server the messages stay here, for the secretariat to read. `dedupe` makes a reminder once.
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.schema
			.createTable('outbox')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
			.addColumn('email', 'text', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('subject', 'text', (c) => c.notNull())
			.addColumn('body', 'text', (c) => c.notNull())
			// a path on this site (the sender makes it absolute with ORIGIN)
			.addColumn('link', 'text', (c) => c.notNull())
			.addColumn('review_id', 'integer', (c) => c.references('reviews.id'))
			.addColumn('dedupe', 'text', (c) => c.unique())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('sent_at', 'text')
			.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('next_attempt_at', 'text')
			.addColumn('last_error', 'text')
			// given up after too many failures: kept, shown to the secretariat
			.addColumn('failed_at', 'text')
			.execute();
		await trx.schema.createIndex('outbox_pending').on('outbox').columns(['sent_at', 'failed_at', 'user_id']).execute();
	});
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('outbox').execute();
}
