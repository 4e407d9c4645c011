// The articles of the treaty texts in data/raw/treaty_texts_laws_markdown/: the Dutch treaty
// database's Markdown of each treaty, its authentic English text first, then (mostly) the Dutch
// translation. Only the English part is read. Numbers, chapters, titles and text come from the
// text itself; article_list_en_DERIVED.csv, listed from the same files by whoever collected them,
// is a check: any difference between the two stops the load, naming the file and line.
import { dirname } from 'node:path';
import type { Insertable } from 'kysely';
import { insertMany } from '../../db';
import type { ArticlesTable } from '../../db/schema';
import type { LoadContext } from './context';
import { LoadError } from '../../text/errors';
import { readTable, readText, requireColumns } from '../../text/table';

/** The derived list's source id; the texts are the sources whose files sit beside it. */
export const LIST_SOURCE = 'laws-markdown-article-list';

/** A text's file is named by its instrument as the derived list calls it (tip_protocol_BWBV0001749.md). */
const INSTRUMENTS: Record<string, string> = {
	untoc: 'untoc',
	tip_protocol: 'trafficking-protocol',
	smuggling_protocol: 'smuggling-protocol',
	firearms_protocol: 'firearms-protocol',
	cets197: 'cets-197',
	ilo_c097: 'ilo-c097',
	ilo_c181: 'ilo-c181',
	ilo_c189: 'ilo-c189'
};

/** An article as the English text gives it. */
export interface TextArticle {
	/** "6" as the heading numbers it */
	article: string;
	/** the Annex's number ("I") for an article of an Annex, which numbers its articles afresh */
	annex: string | null;
	/** "CHAPTER I — PURPOSES, SCOPE…", "I — General Provisions", "ANNEX I — Recruitment…"; null when none */
	section: string | null;
	title: string | null;
	/** paragraphs and sub-items, one a line */
	lines: string[];
	/** 1-based line of the article's heading */
	line: number;
}

/** The article's key in its instrument and in URLs: "6", or "annex-i-3" in an Annex. */
export function key(a: Pick<TextArticle, 'article' | 'annex'>): string {
	return a.annex ? `annex-${a.annex.toLowerCase()}-${a.article}` : a.article;
}

// The database's note "enters into force on a date to be set" (for the Netherlands), put under
// every article of C189: not treaty text.
const DUTCH_NOTE = /^Treedt in werking op een nader te bepalen tijdstip$/;
// What follows the last article (the signature formula, the ILO's attestation) is not an article.
const CLOSING = /^(IN WITNESS WHEREOF|The foregoing is the authentic text)/;

/**
 * Markdown to plain text, nothing else: links keep their words ("[article 102 of the Charter]
 * (../…/README.md)"), emphasis loses its asterisks, the conversion's `` (an opening quotation
 * mark, closed by ") becomes ", and runs of spaces one space.
 */
function plain(s: string): string {
	return s
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\*([^*]+)\*/g, '$1')
		.replace(/``/g, '"')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Reads the English articles of one text. The English part starts after the English title
 * (the first `####` heading, under the `##` Dutch title) and ends at the first `####` heading
 * that is not the title of an article or of a chapter (the Dutch title), or at a Dutch heading
 * (`### Artikel`, `### HOOFDSTUK`, `### BIJLAGE`). Pure: text in, articles out.
 */
export function parse(text: string, file: string): TextArticle[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	const h3 = (s: string) => /^###(?!#)\s*(.*?)\s*$/.exec(s)?.[1].replace(/\s+/g, ' ') ?? null;
	const h4 = (s: string) => /^####(?!#)\s*(.*?)\s*$/.exec(s)?.[1] ?? null;
	/** The `####` heading right under line i (blank lines skipped), and where it is. */
	const subheading = (i: number): { text: string; at: number } | null => {
		let j = i + 1;
		while (j < lines.length && lines[j].trim() === '') j++;
		const t = j < lines.length ? h4(lines[j]) : null;
		return t === null ? null : { text: plain(t), at: j };
	};

	const english = lines.findIndex((l) => h4(l) !== null);
	if (english < 0) throw new LoadError('no English title (a "####" heading) in the text', { file });
	const articles: TextArticle[] = [];
	let section: string | null = null;
	let annex: string | null = null;
	let current: TextArticle | null = null;
	let closed = false; // past the closing formula: nothing more belongs to the article

	for (let i = english + 1; i < lines.length; i++) {
		const raw = lines[i];
		const heading = h3(raw);
		if (heading !== null) {
			if (/^(Artikel|HOOFDSTUK|BIJLAGE)\b/i.test(heading)) break; // the Dutch text
			const number = /^Article (\d+)$/i.exec(heading);
			const sub = subheading(i);
			if (number) {
				current = { article: number[1], annex, section, title: sub?.text || null, lines: [], line: i + 1 };
				articles.push(current);
			} else {
				const annexOf = /^ANNEX ([IVXLC]+)$/i.exec(heading);
				annex = annexOf ? annexOf[1].toUpperCase() : null;
				section = sub ? `${heading} — ${sub.text}` : heading;
				current = null;
			}
			closed = false;
			if (sub) i = sub.at;
			continue;
		}
		if (h4(raw) !== null) break; // a title that is no article's or chapter's: the Dutch text
		const line = plain(raw);
		if (line === '' || DUTCH_NOTE.test(line)) continue;
		if (CLOSING.test(line)) closed = true;
		if (current && !closed) current.lines.push(line);
	}
	for (const a of articles) {
		if (a.lines.length === 0) throw new LoadError(`article ${key(a)} has no text`, { file, line: a.line });
	}
	return articles;
}

interface ListRow {
	section: string | null;
	article: string;
	title: string | null;
	line: number;
	sourceLine: number;
}

/** How one article reads, for comparing the text with the list. */
const describe = (a: { section: string | null; article: string; title: string | null }) =>
	`article ${a.article}${a.section ? ` of "${a.section}"` : ''}${a.title ? ` ("${a.title}")` : ''}`;

/** Stops the load where the text and the derived list first disagree. */
function check(articles: TextArticle[], list: ListRow[], text: string, listFile: string): void {
	for (let n = 0; n < Math.max(articles.length, list.length); n++) {
		const a = articles[n];
		const r = list[n];
		if (!r) throw new LoadError(`${describe(a)} is not in ${listFile}`, { file: text, line: a.line });
		if (!a) throw new LoadError(`${describe(r)} is not in the text of ${text} (no heading "Article ${r.article}" at line ${r.sourceLine})`, { file: listFile, line: r.line });
		const differs =
			a.article !== r.article ? 'number' : a.section !== r.section ? 'chapter' : a.title !== r.title ? 'title' : a.line !== r.sourceLine ? 'line' : null;
		if (differs) {
			throw new LoadError(`the text has ${describe(a)} where ${listFile}:${r.line} lists ${describe(r)} at line ${r.sourceLine} (the ${differs} differs)`, {
				file: text,
				line: a.line
			});
		}
	}
}

/**
 * Reads every text in the catalogue (the `.md` sources beside the derived list), checks it against
 * the list and upserts its articles; articles no longer in a text are deleted, so a reload leaves
 * exactly what the files say. Returns the number of articles.
 */
export async function load(ctx: LoadContext): Promise<number> {
	const listSource = ctx.sources.get(LIST_SOURCE);
	if (!listSource?.file) {
		ctx.warn(`no source "${LIST_SOURCE}" in sources.json: no treaty texts loaded`);
		return 0;
	}
	const listFile = listSource.file;
	const folder = dirname(listFile);
	const texts = [...ctx.sources.values()].filter((s) => s.file && dirname(s.file) === folder && s.file.endsWith('.md'));
	const table = readTable(ctx.dataDir, listFile);
	requireColumns(table, ['instrument', 'bwb_id', 'section', 'article', 'title', 'source_line']);
	const listed = new Map<string, ListRow[]>();
	for (const { line, cells } of table.rows) {
		const text = `${folder}/${cells.instrument}_${cells.bwb_id}.md`;
		if (!texts.some((s) => s.file === text)) throw new LoadError(`${text} is not a text in sources.json`, { file: listFile, line, value: cells.instrument });
		const rows = listed.get(text) ?? [];
		rows.push({ section: cells.section || null, article: cells.article, title: cells.title || null, line, sourceLine: Number(cells.source_line) });
		listed.set(text, rows);
	}

	const known = new Set((await ctx.trx.selectFrom('instruments').select('slug').execute()).map((r) => r.slug));
	const rows: Insertable<ArticlesTable>[] = [];
	for (const { id: sourceId, file } of texts as { id: string; file: string }[]) {
		// "tip_protocol_BWBV0001749.md": the text of the instrument the list knows as tip_protocol
		const name = /^(.+)_BWBV\d+\.md$/.exec(file.slice(folder.length + 1))?.[1] ?? '';
		const slug = INSTRUMENTS[name];
		if (!slug) throw new LoadError(`source "${sourceId}": no instrument is known by "${name}"`, { file: 'sources.json', value: file });
		if (!known.has(slug)) throw new LoadError(`source "${sourceId}": no instrument "${slug}" in instruments.json`, { file: 'sources.json', value: file });
		const articles = parse(readText(ctx.dataDir, file), file);
		check(articles, listed.get(file) ?? [], file, listFile);
		const seen = new Set<string>();
		articles.forEach((a, n) => {
			const number = key(a);
			if (seen.has(number)) throw new LoadError(`article ${number} comes twice`, { file, line: a.line });
			seen.add(number);
			rows.push({
				instrument_slug: slug,
				number,
				sort_order: n + 1,
				section: a.section,
				title: a.title,
				text: a.lines.join('\n'),
				source_id: sourceId,
				source_line: a.line
			});
		});
	}
	await insertMany(ctx.trx, 'articles', rows, { upsertOn: ['instrument_slug', 'number'] });
	const keep = new Set(rows.map((r) => `${r.instrument_slug}\0${r.number}`));
	const stale = (await ctx.trx.selectFrom('articles').select(['id', 'instrument_slug', 'number']).execute()).filter(
		(r) => !keep.has(`${r.instrument_slug}\0${r.number}`)
	);
	if (stale.length) await ctx.trx.deleteFrom('articles').where('id', 'in', stale.map((r) => r.id)).execute();
	return rows.length;
}
