import { sql, type Kysely } from 'kysely';

// Frozen in time: this file must never import from the app.
// The review mechanism. Configuration (reference data, from data/review-mechanisms.json):
// mechanisms with their settings, cycles, clusters and the articles in each. The work of a
// cycle: draws of lots (seed, algorithm, result) and the reviewers they gave, country reviews
// moving through their stages, the answers to the questionnaire with their evidence files,
// comments and clarification threads, observations and recommendations, and the report.
// Every change to this work is audited (audit_log, entity review…).
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.schema
			.createTable('review_mechanisms')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('short_title', 'text', (c) => c.notNull())
			.addColumn('instruments', 'text', (c) => c.notNull()) // JSON array of instrument slugs
			.addColumn('instruments_note', 'text')
			.addColumn('established_earliest', 'text', (c) => c.notNull())
			.addColumn('established_latest', 'text', (c) => c.notNull())
			.addColumn('launched_earliest', 'text')
			.addColumn('launched_latest', 'text')
			.addColumn('facts', 'text', (c) => c.notNull()) // JSON: established, launched, secretariat, progress, with lines
			.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
			.execute();

		// A setting of a mechanism: its value, whether the secretariat (or a source) confirms it, and where it comes from.
		await trx.schema
			.createTable('review_settings')
			.addColumn('mechanism_id', 'text', (c) => c.notNull().references('review_mechanisms.id'))
			.addColumn('key', 'text', (c) => c.notNull())
			.addColumn('value', 'text') // JSON
			.addColumn('confirmed', 'integer', (c) => c.notNull())
			.addColumn('text', 'text', (c) => c.notNull())
			.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
			.addColumn('source_line', 'integer')
			.addColumn('confirmed_by', 'text') // a person who confirmed it in the app
			.addColumn('confirmed_at', 'text')
			.addPrimaryKeyConstraint('review_settings_pk', ['mechanism_id', 'key'])
			.execute();

		await trx.schema
			.createTable('review_cycles')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('mechanism_id', 'text', (c) => c.notNull().references('review_mechanisms.id'))
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('draft', 'integer', (c) => c.notNull())
			.addColumn('draft_note', 'text')
			.addColumn('starts', 'text', (c) => c.notNull())
			.addColumn('ends', 'text', (c) => c.notNull())
			.addColumn('phase_months', 'integer', (c) => c.notNull())
			.addColumn('start_groups', 'text', (c) => c.notNull()) // JSON [{n, year, size, line}]
			.addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
			.execute();

		await trx.schema
			.createTable('review_clusters')
			.addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
			.addColumn('n', 'integer', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('title_confirmed', 'integer', (c) => c.notNull())
			.addColumn('source_line', 'integer')
			.addPrimaryKeyConstraint('review_clusters_pk', ['cycle_id', 'n'])
			.execute();

		await trx.schema
			.createTable('review_cluster_articles')
			.addColumn('cycle_id', 'text', (c) => c.notNull())
			.addColumn('cluster_n', 'integer', (c) => c.notNull())
			.addColumn('instrument_slug', 'text', (c) => c.notNull().references('instruments.slug'))
			.addColumn('article_number', 'text', (c) => c.notNull())
			.addColumn('confirmed', 'integer', (c) => c.notNull())
			.addColumn('sort_order', 'integer', (c) => c.notNull())
			.addPrimaryKeyConstraint('review_cluster_articles_pk', ['cycle_id', 'instrument_slug', 'article_number'])
			.execute();

		// A draw of lots: reproducible from its seed and algorithm; its result and the problems it reported.
		await trx.schema
			.createTable('review_draws')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
			.addColumn('seed', 'integer', (c) => c.notNull())
			.addColumn('algorithm', 'text', (c) => c.notNull())
			.addColumn('parties_on', 'text', (c) => c.notNull()) // the date the parties were taken on
			.addColumn('result', 'text', (c) => c.notNull()) // JSON [{state, instrument, reviewers}]
			.addColumn('problems', 'text', (c) => c.notNull()) // JSON [{rule, state, instrument, message}]
			.addColumn('drawn_by', 'text', (c) => c.notNull())
			.addColumn('drawn_at', 'text', (c) => c.notNull())
			.execute();

		// A country review: one State under review, one cluster of one cycle.
		await trx.schema
			.createTable('reviews')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
			.addColumn('cluster_n', 'integer', (c) => c.notNull())
			.addColumn('state_code', 'text', (c) => c.notNull().references('participants.code'))
			.addColumn('start_group', 'integer')
			.addColumn('launched_on', 'text')
			.addColumn('stage', 'text', (c) => c.notNull())
			// JSON {stage: ISO day reached}
			.addColumn('reached', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('summary', 'text') // the summary of the list of observations
			// JSON {underReview?: {by, on}, reviewers?: {by, on}}: the focal points' agreement to the list and summary
			.addColumn('agreements', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.addUniqueConstraint('reviews_one_per_cluster', ['cycle_id', 'cluster_n', 'state_code'])
			.execute();

		// The reviewing States of a review, per instrument, as drawn (and drawn again).
		await trx.schema
			.createTable('review_reviewers')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('cycle_id', 'text', (c) => c.notNull().references('review_cycles.id'))
			.addColumn('state_code', 'text', (c) => c.notNull())
			.addColumn('instrument_slug', 'text', (c) => c.notNull())
			.addColumn('reviewer_code', 'text', (c) => c.notNull().references('participants.code'))
			.addColumn('draw_id', 'integer', (c) => c.notNull().references('review_draws.id'))
			// set when the State under review asked for another: the reason, and who replaced it
			.addColumn('replaced_at', 'text')
			.addColumn('replaced_reason', 'text')
			.addColumn('replaced_by', 'integer')
			.execute();
		await trx.schema.createIndex('review_reviewers_state').on('review_reviewers').columns(['cycle_id', 'state_code']).execute();

		// Focal points and experts named for a review.
		await trx.schema
			.createTable('review_people')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
			.addColumn('participant_code', 'text', (c) => c.notNull().references('participants.code'))
			.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('focal-point', 'expert')`))
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('user_id', 'integer', (c) => c.references('users.id'))
			.addColumn('named_on', 'text', (c) => c.notNull())
			.execute();

		// An answer to one item of the questionnaire (an article of an instrument), by the State under review.
		await trx.schema
			.createTable('review_answers')
			.addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
			.addColumn('instrument_slug', 'text', (c) => c.notNull())
			.addColumn('article_number', 'text', (c) => c.notNull())
			.addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('status', 'text', (c) => c.check(sql`status in ('implemented', 'partly', 'not', 'not-applicable')`))
			.addColumn('legislation', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{title, article, link}]
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.addColumn('updated_by', 'text')
			.addColumn('updated_at', 'text')
			.addPrimaryKeyConstraint('review_answers_pk', ['review_id', 'instrument_slug', 'article_number'])
			.execute();

		// Evidence: files uploaded with an answer, kept in the database (never under a served folder).
		await trx.schema
			.createTable('review_files')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
			.addColumn('instrument_slug', 'text', (c) => c.notNull())
			.addColumn('article_number', 'text', (c) => c.notNull())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('media_type', 'text', (c) => c.notNull())
			.addColumn('size', 'integer', (c) => c.notNull())
			.addColumn('sha256', 'text', (c) => c.notNull())
			.addColumn('content', 'blob', (c) => c.notNull())
			.addColumn('uploaded_by', 'text', (c) => c.notNull())
			.addColumn('uploaded_at', 'text', (c) => c.notNull())
			.addColumn('removed_at', 'text')
			.execute();

		// Comments of reviewers on an item, clarification questions and the State's answers (a thread by parent).
		await trx.schema
			.createTable('review_comments')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
			.addColumn('instrument_slug', 'text', (c) => c.notNull())
			.addColumn('article_number', 'text', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('comment', 'question', 'answer')`))
			.addColumn('parent_id', 'integer', (c) => c.references('review_comments.id'))
			.addColumn('body', 'text', (c) => c.notNull())
			.addColumn('author', 'text', (c) => c.notNull())
			.addColumn('author_participant', 'text')
			.addColumn('at', 'text', (c) => c.notNull())
			.execute();

		// Observations per item: gaps, good practices, technical-assistance needs, recommendations (with their follow-up).
		await trx.schema
			.createTable('review_observations')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id'))
			.addColumn('instrument_slug', 'text', (c) => c.notNull())
			.addColumn('article_number', 'text', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('gap', 'good-practice', 'ta-need', 'recommendation')`))
			.addColumn('text', 'text', (c) => c.notNull())
			.addColumn('follow_up', 'text', (c) => c.check(sql`follow_up in ('not-started', 'in-progress', 'implemented', 'not-accepted')`))
			.addColumn('follow_up_evidence', 'text')
			.addColumn('follow_up_on', 'text')
			.addColumn('author', 'text', (c) => c.notNull())
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();
	});
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const t of [
			'review_observations', 'review_comments', 'review_files', 'review_answers', 'review_people', 'review_reviewers', 'reviews',
			'review_draws', 'review_cluster_articles', 'review_clusters', 'review_cycles', 'review_settings', 'review_mechanisms'
		]) {
			await trx.schema.dropTable(t).execute();
		}
	});
}
