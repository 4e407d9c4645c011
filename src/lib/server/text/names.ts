import { LoadError, type Where } from './errors';

/**
 * The form names are matched on. Sources spell one State many ways: UNTERM adds "(the)" and
 * asterisks, UNTC 2023 glues footnote numbers on ("Ukraine 6, 7"), NORMLEX writes
 * "Guinea - Bissau", CLDR uses a curly apostrophe. Renames ("Swaziland") are not guessed here:
 * they live in data/aliases.csv.
 */
export function normaliseName(name: string): string {
	return name
		.normalize('NFC')
		.replace(/[\u2018\u2019\u02bc`´]/g, "'")
		.replace(/\*+/g, ' ')
		.replace(/\s+[\d, ]+$/, '') // footnote markers
		.replace(/\s*\(the\)\s*$/i, '')
		.replace(/^the\s+/i, '')
		.replace(/\s*-\s*/g, '-')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

export interface Alias {
	alias: string;
	/** null: a name we know that is deliberately not a participant (a former State) */
	code: string | null;
	note: string | null;
}

/** Name → participant code, built from the reference names and data/aliases.csv. */
export class NameIndex {
	private byKey = new Map<string, Alias>();

	constructor(private participants: Set<string>) {}

	/** Adds a name; a name already bound to another code is an error in the data. */
	add(name: string, code: string | null, note: string | null, where: Where): 'added' | 'same' {
		const alias = normaliseName(name);
		if (!alias) return 'same';
		const had = this.byKey.get(alias);
		if (had) {
			if (had.code === code) return 'same';
			throw new LoadError(`"${name}" would mean both ${had.code ?? '(no participant)'} and ${code ?? '(no participant)'}`, {
				...where,
				value: name
			});
		}
		this.byKey.set(alias, { alias, code, note });
		return 'added';
	}

	/** The entry for a name, or undefined when nobody has seen the name. */
	lookup(name: string): Alias | undefined {
		return this.byKey.get(normaliseName(name));
	}

	/** The participant a name means; stops the load when there is none. */
	resolve(name: string, where: Where): string {
		const found = this.lookup(name);
		if (!found) throw new LoadError(`unknown participant "${name}"`, { ...where, value: name });
		if (!found.code) {
			throw new LoadError(`"${name}" is not a participant (${found.note ?? 'aliases.csv gives no code'})`, { ...where, value: name });
		}
		if (!this.participants.has(found.code)) {
			throw new LoadError(`"${name}" is ${found.code}, which is not a participant`, { ...where, value: name });
		}
		return found.code;
	}

	isParticipant(code: string): boolean {
		return this.participants.has(code);
	}

	/** The aliases worth storing: those that lead to a participant. */
	participantAliases(): { alias: string; code: string; note: string | null }[] {
		return [...this.byKey.values()]
			.filter((a): a is Alias & { code: string } => a.code !== null && this.participants.has(a.code))
			.sort((a, b) => a.alias.localeCompare(b.alias));
	}
}
