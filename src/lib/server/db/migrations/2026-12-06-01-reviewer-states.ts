import { sql, type Kysely } from 'kysely';
import { kindOf } from '../dialect';

// Frozen in time: this file must never import from the app (../dialect is the database's, not the app's).
// A reviewer account belongs to one State, as a focal point's does: a focal point may then name
// experts of its own State only. The users table's check becomes "a focal point has a
// participant; the secretariat and editors have none" (a reviewer may have one, and new ones
// must: the app asks). SQLite cannot change a check in place, so the table is made again, with
// foreign keys off while the old one is replaced (SQLite's own recipe, ALTER TABLE §7). Existing
// reviewer accounts take their State from the reviews they were named in as experts, when those
// name exactly one; the others wait for the secretariat to set it (and cannot be named until then).
// PostgreSQL changes the check in place.
export async function up(db: Kysely<any>): Promise<void> {
	if (kindOf(db) === 'postgres') {
		await db.transaction().execute(async (trx) => {
			await sql`alter table users drop constraint focal_point_has_participant`.execute(trx);
			await sql`alter table users add constraint participant_of_role check (case role when 'focal-point' then participant_code is not null when 'reviewer' then true else participant_code is null end)`.execute(trx);
			await takeStatesFromReviews(trx);
		});
		return;
	}
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await db.transaction().execute(async (trx) => {
			await sql`create table "users_new" ("id" integer primary key autoincrement, "email" text not null unique, "name" text,
				"role" text not null check (role in ('secretariat', 'editor', 'focal-point', 'reviewer')),
				"participant_code" text references "participants" ("code"), "password_hash" text,
				"created_at" text default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) not null, "disabled_at" text, "version" integer default 1 not null,
				constraint "participant_of_role" check (case role when 'focal-point' then participant_code is not null when 'reviewer' then 1 else participant_code is null end))`.execute(trx);
			await sql`insert into "users_new" select "id", "email", "name", "role", "participant_code", "password_hash", "created_at", "disabled_at", "version" from "users"`.execute(trx);
			await sql`drop table "users"`.execute(trx);
			await sql`alter table "users_new" rename to "users"`.execute(trx);
			await takeStatesFromReviews(trx);
			const broken = await sql`pragma foreign_key_check`.execute(trx);
			if (broken.rows.length) throw new Error(`reviewer-states: foreign keys broken: ${JSON.stringify(broken.rows.slice(0, 5))}`);
		});
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}

/** Existing reviewers take their State from the reviews they were named in as experts, when those name exactly one. */
async function takeStatesFromReviews(trx: Kysely<any>): Promise<void> {
	await sql`
		update users set participant_code = (
			select min(p.participant_code) from review_people p where p.user_id = users.id and p.role = 'expert'
		)
		where role = 'reviewer' and participant_code is null
		and (select count(distinct p.participant_code) from review_people p where p.user_id = users.id and p.role = 'expert') = 1
	`.execute(trx);
}

export async function down(): Promise<void> {
	throw new Error('2026-12-06-01-reviewer-states cannot be undone: reviewer accounts now carry their State');
}
