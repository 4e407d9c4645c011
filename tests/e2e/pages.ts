// Every kind of page, as a reader reaches it: the accessibility checks (axe) and the Nu HTML
// checker both go through this one list, so a new kind of page is checked by both.
export const EVERY_KIND_OF_PAGE = [
	'/',
	'/instruments/trafficking-protocol?asOf=2008-06-03',
	'/instruments/trafficking-protocol/non-parties?asOf=2008-06-03&region=europe',
	'/instruments/cets-197/non-parties?asOf=2016-01-01',
	'/instruments/trafficking-protocol/articles/6',
	'/instruments/ilo-c181',
	'/participants/IND?asOf=2008-06-03',
	'/participants/EUU',
	'/participants',
	'/participants?q=thai',
	'/participants/THA/briefing',
	'/compare?group=asean&highlight=THA',
	'/compare?codes=FRA,IND,ARE&asOf=2008-06-03',
	'/compare',
	'/map',
	'/map/trafficking-protocol?asOf=2008-06-03',
	'/map/cets-197',
	'/map/cets-197?group=world',
	'/embed/map/trafficking-protocol?asOf=2008-06-03',
	'/embed/map/trafficking-protocol?asOf=2008-06-03&list=not-joined&height=700',
	'/map/trafficking-protocol?asOf=2008-06-03&highlight=not-joined',
	'/sources',
	'/api',
	'/no-such-page',
	'/instruments/untoc?asOf=2008-13-45'
];
