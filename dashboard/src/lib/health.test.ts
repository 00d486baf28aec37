import { describe, expect, it } from 'vitest';
import { healthProblem } from './health';

describe('healthProblem', () => {
	it('is silent when healthy and says why when degraded', () => {
		expect(healthProblem({ status: 'ok', database: 'ok' })).toBeNull();
		expect(healthProblem({ status: 'degraded', reason: 'database unavailable' })).toBe('database unavailable');
		expect(healthProblem(null)).toBe('the platform is degraded');
	});
});
