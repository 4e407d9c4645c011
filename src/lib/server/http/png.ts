// Pictures for shared links: an SVG drawn by a component, made a PNG here (resvg, no browser),
// with the fonts of the machine. The answer is public, so the page cache keeps it per state
// (and per language: the address carries it). Six languages need three scripts' glyphs: DejaVu
// Sans has Latin, Cyrillic and Arabic (shaped by resvg); Chinese comes from whichever CJK font
// the machine has (resvg falls back to any installed font that has the glyph), so the server
// needs one installed, e.g. fonts-wqy-microhei or fonts-noto-cjk; without it Chinese is drawn
// as empty boxes. resvg ignores the SVG `direction` attribute: right-to-left text is set with
// Unicode isolates and an explicit anchor (see svgDir in $lib/map/text).
import { Resvg } from '@resvg/resvg-js';

const FONTS = { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans', serifFamily: 'DejaVu Serif' };

/** The PNG of an SVG document at its own size. */
export function fromSvg(svg: string): Uint8Array {
	return new Resvg(svg, { font: FONTS, fitTo: { mode: 'original' }, background: '#ffffff' }).render().asPng();
}

/** A PNG as an answer: the page cache stores it (public, one render per state of the record). */
export function response(png: Uint8Array, filename: string): Response {
	return new Response(new Uint8Array(png), {
		headers: {
			'content-type': 'image/png',
			'content-disposition': `inline; filename="${filename}"`
		}
	});
}
