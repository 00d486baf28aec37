import { describe, expect, it } from 'vitest';
import { safeNext } from './next';

describe('safeNext', () => {
	it('keeps paths of this app and refuses other sites', () => {
		expect(safeNext('/scripts/hello?line=3')).toBe('/scripts/hello?line=3');
		expect(safeNext(null)).toBe('/');
		expect(safeNext('https://evil.example/')).toBe('/');
		expect(safeNext('//evil.example/')).toBe('/');
		expect(safeNext('/\\evil.example')).toBe('/');
		expect(safeNext('/login?next=/x')).toBe('/');
	});
});
