// Short column labels for matrices, where a full title does not fit.
const ABBR: Record<string, string> = {
	untoc: 'UNTOC',
	'trafficking-protocol': 'TIP Prot.',
	'smuggling-protocol': 'Smuggling',
	'firearms-protocol': 'Firearms',
	opsc: 'OPSC',
	'convention-1949': '1949 Conv.',
	'cets-197': 'CETS 197',
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
	'asean-declaration-2004': 'ASEAN Decl.',
	'ouagadougou-action-plan': 'Ouagadougou',
	'osce-action-plan': 'OSCE Plan'
};

export function abbreviation(slug: string, fallback: string): string {
	return ABBR[slug] ?? fallback;
}
