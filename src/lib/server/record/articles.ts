// The articles of the instruments whose authentic English text ships in data/ (see
// load/articles.ts): listed for an instrument's page, one at a time for its own page.
import type { Db } from '../db';
import { articleLabel, isArticleNumber } from '$lib/articles';

export { isArticleNumber as isNumber, articleLabel as label };

export interface ArticleSummary {
	number: string;
	label: string;
	section: string | null;
	title: string | null;
	sourceId: string;
}

/** An instrument's articles in the order of its text; empty when its text is not in the record. */
export async function list(db: Db, { instrument }: { instrument: string }): Promise<ArticleSummary[]> {
	const rows = await db
		.selectFrom('articles')
		.select(['number', 'section', 'title', 'source_id'])
		.where('instrument_slug', '=', instrument)
		.orderBy('sort_order')
		.execute();
	return rows.map(({ source_id, ...r }) => ({ ...r, label: articleLabel(r.number), sourceId: source_id }));
}

/** Consecutive articles under the same chapter heading (null: none), in order. */
export function bySection<T extends { section: string | null }>(articles: T[]): { section: string | null; articles: T[] }[] {
	const out: { section: string | null; articles: T[] }[] = [];
	for (const a of articles) {
		const last = out.at(-1);
		if (last && last.section === a.section) last.articles.push(a);
		else out.push({ section: a.section, articles: [a] });
	}
	return out;
}

/**
 * One line of an article's text: its marker ("1.", "a)", "(ii)", "–") set apart so a page can
 * hang it, and its depth: 0 a numbered paragraph or plain text, 1 a lettered sub-item, 2 a
 * roman-numbered one under it.
 */
export interface Block {
	marker: string | null;
	depth: 0 | 1 | 2;
	text: string;
}

/** The text's lines as blocks. The words are the text's own: only the marker is split off. */
export function blocks(text: string): Block[] {
	let previousLetter: string | null = null;
	return text.split('\n').map((line) => {
		const m = /^(\d+\.|\(?[a-z]{1,4}\)|–)\s*(.*)$/.exec(line);
		if (!m) return { marker: null, depth: 0, text: line };
		const [, marker, rest] = m;
		if (/^\d/.test(marker)) return { marker, depth: 0, text: rest };
		if (marker === '–') return { marker, depth: 1, text: rest };
		const letters = marker.replace(/[()]/g, '');
		// "(i)" is the ninth letter after "(h)", else the first roman sub-item
		const roman = /^[ivx]+$/.test(letters) && !(letters === 'i' && previousLetter === 'h');
		if (!roman && letters.length === 1) previousLetter = letters;
		if (!roman && letters.length > 1) return { marker: null, depth: 0, text: line };
		return { marker, depth: roman ? 2 : 1, text: rest };
	});
}

/**
 * One article with its text as blocks, its source (file and line), and the articles before
 * and after it; null when the instrument has no such article.
 */
export async function find(db: Db, { instrument, number }: { instrument: string; number: string }) {
	const row = await db
		.selectFrom('articles')
		.innerJoin('sources', 'sources.id', 'articles.source_id')
		.select([
			'articles.number', 'articles.sort_order', 'articles.section', 'articles.title', 'articles.text',
			'articles.source_line', 'sources.id as source_id', 'sources.title as source_title', 'sources.file as source_file',
			'sources.origin as source_origin'
		])
		.where('articles.instrument_slug', '=', instrument)
		.where('articles.number', '=', number)
		.executeTakeFirst();
	if (!row) return null;
	const neighbour = (direction: 'before' | 'after') =>
		db
			.selectFrom('articles')
			.select(['number', 'section', 'title'])
			.where('instrument_slug', '=', instrument)
			.where('sort_order', direction === 'before' ? '<' : '>', row.sort_order)
			.orderBy('sort_order', direction === 'before' ? 'desc' : 'asc')
			.limit(1)
			.executeTakeFirst();
	const [previous, next] = await Promise.all([neighbour('before'), neighbour('after')]);
	const summary = (a: typeof previous) => (a ? { ...a, label: articleLabel(a.number) } : null);
	return {
		number: row.number,
		label: articleLabel(row.number),
		section: row.section,
		title: row.title,
		text: row.text,
		blocks: blocks(row.text),
		source: { id: row.source_id, title: row.source_title, file: row.source_file, origin: row.source_origin, line: row.source_line },
		previous: summary(previous),
		next: summary(next)
	};
}
