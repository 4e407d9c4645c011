// sources/format-names: how a source of each format is called, for the title an import gives it.
import type { Format } from './readers';

/** How a source of each format is titled when the import gives no title. */
export const FORMAT_NAMES: Record<Format, string> = {
	'untc-html': 'UN Treaty Collection status page',
	'untc-csv': 'UN Treaty Collection status table',
	'normlex-csv': 'ILO NORMLEX ratifications',
	'normlex-html': 'ILO NORMLEX ratifications page',
	'coe-chart-html': 'Council of Europe chart of signatures and ratifications',
	'c189-swiss': 'Swiss treaty register (transcribed)',
	'cets197-excerpts': 'Council of Europe excerpts (transcribed)',
	'actip-excerpts': 'ASEAN excerpts (transcribed)',
	'ilo-c097-normlex-fr': 'ILO NORMLEX ratifications, French page (transcribed, partial)',
	'ilo-c143-wikipedia': 'Wikipedia table of ratifications (transcribed, partial)',
	'plan-adoption': 'Endorsements derived from the adopting bodies',
	'tracker-csv': 'Treaty Tracker record file',
	'ohchr-xls': 'OHCHR treaty-body database export',
	paste: 'Table pasted from a depositary page'
};
