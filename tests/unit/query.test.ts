// The query string as pages and the API read it: a malformed asOf is named, and quoted back short.
import { describe, expect, it } from 'vitest';
import * as query from '../../src/lib/server/text/query';

const asOfOf = (raw: string) => () => query.asOf(new URL(`http://localhost/instruments/untoc?asOf=${encodeURIComponent(raw)}`));

describe('asOf', () => {
	it('takes a date in the form YYYY-MM-DD', () => {
		expect(asOfOf('2008-06-03')()).toBe('2008-06-03');
	});

	it('names the parameter and quotes a short mistake whole', () => {
		expect(asOfOf('03-06-2008')).toThrow('asOf must be a date in the form YYYY-MM-DD (e.g. 2008-06-03); got "03-06-2008"');
	});

	it('quotes only the first 40 characters of a long mistake', () => {
		const raw = '2008-06-03' + 'x'.repeat(8990);
		let message = '';
		try {
			asOfOf(raw)();
		} catch (e) {
			expect(e).toBeInstanceOf(query.BadParam);
			expect((e as query.BadParam).param).toBe('asOf');
			message = (e as Error).message;
		}
		expect(message).toBe(`asOf must be a date in the form YYYY-MM-DD (e.g. 2008-06-03); got "2008-06-03${'x'.repeat(30)}…"`);
	});
});
