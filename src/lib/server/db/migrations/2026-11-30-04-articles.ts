import { sql, type Kysely } from 'kysely';
import { onlyCharacters } from '../dialect';

// Frozen in time: this file must never import from the app (../dialect is the database's, not the app's).
//
// The articles of the instruments whose authentic English text ships in data/ (UNTOC, its three
// Protocols, CETS 197, ILO C097, C181 and C189), as the text gives them: number, chapter, title,
// text, and the file and line each was read from. Reference data: brought in again whenever the
// text files change. The review mechanism's questionnaires will refer to these rows.
//
// No UN Treaty Series registration or volume is added to instruments: none of the texts gives one.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('articles')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('instrument_slug', 'text', (c) => c.notNull().references('instruments.slug'))
		// The article's key in its instrument and in URLs: "6"; an Annex numbers its articles
		// afresh, so ILO C097's Annex I article 3 is "annex-i-3".
		.addColumn('number', 'text', (c) => c.notNull().check(sql`number <> '' and ${onlyCharacters(db, 'number', '0-9a-z-')}`))
		.addColumn('sort_order', 'integer', (c) => c.notNull()) // order in the text
		// The chapter, part or annex it stands in, as the text heads it; null when there is none.
		.addColumn('section', 'text')
		// Null when the text gives the article no title (ILO conventions).
		.addColumn('title', 'text')
		// Plain text: one paragraph or sub-item a line, as the text sets them out.
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
		.addColumn('source_line', 'integer', (c) => c.notNull()) // the line of its heading
		.addUniqueConstraint('articles_identity', ['instrument_slug', 'number'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('articles').execute();
}
