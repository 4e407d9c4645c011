// Short column labels for matrices, where a full title does not fit.
import { m } from '$lib/paraglide/messages';
import { translated } from '$lib/i18n';

/** Codes read the same in every language. */
const ABBR: Record<string, string> = {
	untoc: 'UNTOC',
	opsc: 'OPSC',
	'ilo-c029': 'C029',
	'ilo-p029': 'P029',
	'ilo-c105': 'C105',
	'ilo-c097': 'C097',
	'ilo-c143': 'C143',
	'ilo-c181': 'C181',
	'ilo-c182': 'C182',
	'ilo-c138': 'C138',
	'ilo-c189': 'C189',
	actip: 'ACTIP',
	'saarc-convention': 'SAARC',
	'ouagadougou-action-plan': 'Ouagadougou'
};

/** Words, in the request's language. */
const WORDS: Readonly<Record<string, string>> = translated({
	'trafficking-protocol': m.home_abbr_trafficking_protocol,
	'smuggling-protocol': m.home_abbr_smuggling_protocol,
	'firearms-protocol': m.home_abbr_firearms_protocol,
	'convention-1949': m.home_abbr_convention_1949,
	'cets-197': m.home_abbr_cets_197,
	'asean-declaration-2004': m.home_abbr_asean_declaration,
	'osce-action-plan': m.home_abbr_osce_plan
});

export function abbreviation(slug: string, fallback: string): string {
	return WORDS[slug] ?? ABBR[slug] ?? fallback;
}
