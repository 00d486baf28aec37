import { describe, expect, it } from 'vitest';
import { buildValue, configField, fieldMessage, fieldsOf, humanize, initialDraft, type JsonSchema } from './form';

const cron: JsonSchema = {
	type: 'object',
	required: ['schedule'],
	properties: {
		schedule: { type: 'string', description: '5-field cron', examples: ['*/5 * * * *'] },
		timezone: { type: 'string', default: 'UTC' },
		overlap: { enum: ['skip', 'queue'], default: 'skip' }
	}
};

describe('fieldsOf', () => {
	it('makes one field per property with its kind, label and required flag', () => {
		const f = fieldsOf(cron);
		expect(f.map((x) => [x.path, x.kind, x.label, x.required])).toEqual([
			['schedule', 'string', 'Schedule', true],
			['timezone', 'string', 'Timezone', false],
			['overlap', 'enum', 'Overlap', false]
		]);
	});
	it('knows integers, booleans, secrets, string lists, choices and nested objects', () => {
		const f = fieldsOf({
			type: 'object',
			properties: {
				tolerance: { type: 'integer', minimum: 1 },
				ratio: { type: ['number', 'null'] },
				on: { type: 'boolean' },
				secret: { type: 'string', writeOnly: true },
				hosts: { type: 'array', items: { type: 'string' } },
				days: { type: 'array', items: { enum: ['mon', 'tue'] } },
				tls: { type: 'object', required: ['ca'], properties: { ca: { type: 'string' } } },
				extra: {}
			}
		});
		expect(f.map((x) => x.kind)).toEqual(['integer', 'number', 'boolean', 'secret', 'list', 'choices', 'object', 'json']);
		const tls = f[6];
		expect(tls.kind === 'object' && tls.children.map((c) => [c.path, c.required])).toEqual([['tls.ca', true]]);
	});
});

describe('humanize', () => {
	it('turns keys into labels', () => {
		expect(humanize('maxRetries')).toBe('Max retries');
		expect(humanize('allow_hosts')).toBe('Allow hosts');
		expect(humanize('qos')).toBe('QOS');
	});
});

describe('initialDraft and buildValue', () => {
	it('fills in defaults and leaves out empty optional fields', () => {
		const f = fieldsOf(cron);
		const draft = initialDraft(f, undefined);
		expect(draft).toEqual({ schedule: '', timezone: 'UTC', overlap: '"skip"' });
		draft.schedule = '@daily';
		draft.timezone = '';
		expect(buildValue(f, draft)).toEqual({ value: { schedule: '@daily', overlap: 'skip' }, problems: {} });
	});
	it('starts from an existing value over the defaults', () => {
		const f = fieldsOf(cron);
		const draft = initialDraft(f, { schedule: '0 3 * * *', overlap: 'queue' });
		expect(buildValue(f, draft).value).toEqual({ schedule: '0 3 * * *', timezone: 'UTC', overlap: 'queue' });
	});
	it('names the problems by field path', () => {
		const schema: JsonSchema = {
			type: 'object',
			required: ['path'],
			properties: {
				path: { type: 'string', pattern: '^[a-z]+$' },
				tolerance: { type: 'integer', minimum: 1, maximum: 10 },
				secret: { type: 'string', minLength: 4, writeOnly: true },
				tls: { type: 'object', required: ['ca'], properties: { ca: { type: 'string' } } }
			}
		};
		const f = fieldsOf(schema);
		expect(buildValue(f, { path: '', tolerance: '', secret: '', 'tls.ca': '' }).problems).toEqual({ path: 'is required' });
		expect(buildValue(f, { path: 'A1', tolerance: '11', secret: 'abc', 'tls.ca': '' }).problems).toEqual({
			path: 'does not have the expected form',
			tolerance: 'must be at most 10',
			secret: 'must have at least 4 characters'
		});
		expect(buildValue(f, { path: 'ok', tolerance: '2.5', secret: '', 'tls.ca': '' }).problems).toEqual({
			tolerance: 'must be a whole number'
		});
	});
	it('builds numbers, booleans, lists, choices and nested objects with their JSON types', () => {
		const f = fieldsOf({
			type: 'object',
			properties: {
				qos: { enum: [0, 1], default: 0 },
				n: { type: 'integer' },
				on: { type: 'boolean', default: true },
				hosts: { type: 'array', items: { type: 'string' } },
				days: { type: 'array', items: { enum: ['mon', 'tue'] } },
				tls: { type: 'object', properties: { ca: { type: 'string' }, port: { type: 'integer' } } },
				extra: {}
			}
		});
		const draft = initialDraft(f, { hosts: ['a.example'], tls: { port: 8883 } });
		draft.qos = '1';
		draft.n = 42;
		draft.hosts = 'a.example\n\n b.example ';
		draft.days = ['"tue"'];
		draft.extra = '{"k": [1]}';
		expect(buildValue(f, draft)).toEqual({
			value: { qos: 1, n: 42, on: true, hosts: ['a.example', 'b.example'], days: ['tue'], tls: { port: 8883 }, extra: { k: [1] } },
			problems: {}
		});
	});
});

describe('server field names', () => {
	it('maps a 422 field onto the form path and strips its prefix from the message', () => {
		expect(configField('config.schedule')).toBe('schedule');
		expect(configField('config')).toBeNull();
		expect(configField('script')).toBeNull();
		expect(fieldMessage('config.schedule', 'config.schedule: bad minute')).toBe('bad minute');
	});
});
