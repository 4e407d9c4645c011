import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// Each country review has a working language, one of the six official languages of the UN: its
// questionnaire, its report and the e-mails about it are written in it, whatever the language
// of the page they are read from. It is chosen when the review is launched and the secretariat
// may change it (audited). The reviews launched so far were worked on in English.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('reviews')
		.addColumn('language', 'text', (c) => c.notNull().defaultTo('en').check(sql`language in ('ar', 'zh', 'en', 'fr', 'ru', 'es')`))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('reviews').dropColumn('language').execute();
}
