import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { ensureSyntaxTree } from '@codemirror/language';
import { highlightTree, tags as t } from '@lezer/highlight';
import { tokenize } from './tokenizer';
import { rhai, rhaiHighlightStyle } from './index';

/** The tokens of a text without white space, as [text, type] pairs. */
function toks(text: string): [string, string | null][] {
	return tokenize(text)
		.filter((tk) => tk.type !== null)
		.map((tk) => [tk.text, tk.type]);
}

function typeOf(text: string, token: string): string | null | undefined {
	return toks(text).find(([s]) => s === token)?.[1];
}

describe('Rhai tokenizer', () => {
	it('classes the keywords of the engine', () => {
		expect(toks('if x { return 1; } else { throw "no"; }').filter(([, ty]) => ty === 'controlKeyword').map(([s]) => s))
			.toEqual(['if', 'return', 'else', 'throw']);
		expect(typeOf('let a = 1;', 'let')).toBe('definitionKeyword');
		expect(typeOf('const A = 1;', 'const')).toBe('definitionKeyword');
		expect(typeOf('private fn f() {}', 'private')).toBe('definitionKeyword');
		expect(typeOf('import "lib" as lib;', 'import')).toBe('moduleKeyword');
		expect(typeOf('import "lib" as lib;', 'as')).toBe('moduleKeyword');
		for (const k of ['switch', 'do', 'while', 'until', 'loop', 'for', 'in', 'continue', 'break', 'try', 'catch']) {
			expect(typeOf(k + ' ', k)).toBe('controlKeyword');
		}
		expect(typeOf('let ok = true', 'true')).toBe('bool');
		expect(typeOf('this.x', 'this')).toBe('self');
	});

	it('names definitions, calls, namespaces and properties', () => {
		expect(typeOf('let total = 0;', 'total')).toBe('variableName.definition');
		expect(typeOf('fn handle(request) {}', 'handle')).toBe('variableName.function.definition');
		expect(typeOf('kv::get("k")', 'kv')).toBe('namespace');
		expect(typeOf('kv::get("k")', 'get')).toBe('variableName.function');
		expect(typeOf('print(x)', 'print')).toBe('variableName.standard');
		expect(typeOf('request.query.name', 'query')).toBe('propertyName');
		expect(typeOf('s.len()', 'len')).toBe('propertyName.function');
		expect(typeOf('a?.b', 'b')).toBe('propertyName');
		expect(typeOf('x + y', 'y')).toBe('variableName');
	});

	it('reads strings with escapes, doubled quotes and line continuations', () => {
		expect(toks('"a \\" b"')).toEqual([['"a \\" b"', 'string']]);
		expect(toks('"say ""hi"""')).toEqual([['"say ""hi"""', 'string']]);
		expect(toks('let s = "one \\\ntwo"; x')).toEqual([
			['let', 'definitionKeyword'], ['s', 'variableName.definition'], ['=', 'operator'], ['"one \\', 'string'],
			['two"', 'string'], [';', 'separator'], ['x', 'variableName']
		]);
		// without a backslash the line break ends the (unterminated) string
		expect(toks('"open\nx')).toEqual([['"open', 'string'], ['x', 'variableName']]);
		expect(toks('#"raw "quoted" \\n"# x')).toEqual([['#"raw "quoted" \\n"#', 'string'], ['x', 'variableName']]);
		expect(toks('##"a "# b"## y')).toEqual([['##"a "# b"##', 'string'], ['y', 'variableName']]);
	});

	it('reads chars', () => {
		expect(toks("let c = 'c';")[3]).toEqual(["'c'", 'character']);
		expect(typeOf("'\\n' + 1", "'\\n'")).toBe('character');
		expect(typeOf("'\\''", "'\\''")).toBe('character');
	});

	it('highlights the inside of back-tick interpolations as code', () => {
		expect(toks('`Hi ${name.to_upper()}!` + 1')).toEqual([
			['`', 'string'], ['Hi ', 'string'], ['${', 'string.special'], ['name', 'variableName'],
			['.', 'derefOperator'], ['to_upper', 'propertyName.function'], ['(', 'paren'], [')', 'paren'],
			['}', 'string.special'], ['!', 'string'], ['`', 'string'], ['+', 'operator'], ['1', 'integer']
		]);
	});

	it('keeps braces and nested back-ticks inside an interpolation apart from its end', () => {
		const out = toks('`a ${ #{x: `in ${1}`}.x } b`');
		expect(out.filter(([, ty]) => ty === 'string.special').map(([s]) => s)).toEqual(['${', '${', '}', '}']);
		expect(out.filter(([, ty]) => ty === 'brace').map(([s]) => s)).toEqual(['#{', '}']);
		expect(out.at(-1)).toEqual(['`', 'string']);
		expect(out.find(([s]) => s === ' b')?.[1]).toBe('string');
	});

	it('reads back-tick strings over several lines, with `` and \\$ escapes', () => {
		expect(toks('`one\ntwo ``x`` \\${no}`;')).toEqual([
			['`', 'string'], ['one', 'string'], ['two ', 'string'], ['``', 'string'], ['x', 'string'],
			['``', 'string'], [' \\${no}', 'string'], ['`', 'string'], [';', 'separator']
		]);
	});

	it('reads line, block, nested block and doc comments', () => {
		expect(toks('x // note')).toEqual([['x', 'variableName'], ['// note', 'lineComment']]);
		expect(toks('/// docs\n//! module\n//// not doc')).toEqual([
			['/// docs', 'docComment'], ['//! module', 'docComment'], ['//// not doc', 'lineComment']
		]);
		expect(toks('/* a /* nested */ still */ x')).toEqual([
			['/* a /* nested */ still */', 'blockComment'], ['x', 'variableName']
		]);
		expect(toks('/* one\n /* two */\n three */ y')).toEqual([
			['/* one', 'blockComment'], [' /* two */', 'blockComment'], [' three */', 'blockComment'], ['y', 'variableName']
		]);
		expect(toks('/** doc\n */ fn')).toEqual([['/** doc', 'docComment'], [' */', 'docComment'], ['fn', 'definitionKeyword']]);
		expect(toks('/**/ z')[0]).toEqual(['/**/', 'blockComment']);
	});

	it('reads numbers: decimal, 0x/0o/0b, separators, floats and exponents', () => {
		const numbers = toks('1_000 0xFF_ff 0o7_7 0b1010_1 3.25 1_0.5e-3 2e10 6E+2');
		expect(numbers).toEqual([
			['1_000', 'integer'], ['0xFF_ff', 'integer'], ['0o7_7', 'integer'], ['0b1010_1', 'integer'],
			['3.25', 'float'], ['1_0.5e-3', 'float'], ['2e10', 'float'], ['6E+2', 'float']
		]);
		expect(toks('1..5')).toEqual([['1', 'integer'], ['..', 'operator'], ['5', 'integer']]);
		expect(toks('1..=5')[1]).toEqual(['..=', 'operator']);
		expect(toks('10.abs()')).toEqual([
			['10', 'integer'], ['.', 'derefOperator'], ['abs', 'propertyName.function'], ['(', 'paren'], [')', 'paren']
		]);
	});

	it('reads map literals and operators', () => {
		expect(toks('#{ a: 1 }')).toEqual([
			['#{', 'brace'], ['a', 'variableName'], [':', 'operator'], ['1', 'integer'], ['}', 'brace']
		]);
		expect(toks('a ?? b ** 2 != c').filter(([, ty]) => ty === 'operator').map(([s]) => s)).toEqual(['??', '**', '!=']);
		expect(toks('x[0]')[1]).toEqual(['[', 'squareBracket']);
		expect(toks('@')).toEqual([['@', 'invalid']]);
	});
});

describe('Rhai highlighting', () => {
	it('gives every construct a class of the highlight style', () => {
		const doc = 'let s = `n ${1}`; // c\nfn f() { 0x1F }';
		const state = EditorState.create({ doc, extensions: [rhai()] });
		const tree = ensureSyntaxTree(state, doc.length, 5000)!;
		const styled: [string, string][] = [];
		highlightTree(tree, rhaiHighlightStyle, (from, to, cls) => styled.push([doc.slice(from, to), cls]));
		const classOf = (text: string) => styled.find(([s]) => s === text)?.[1];
		for (const text of ['let', '`n ', '${', '1', '// c', 'fn', 'f', '0x1F']) {
			expect(classOf(text), text).toBeTruthy();
		}
		expect(classOf('let')).toBe(classOf('fn'));
		expect(classOf('${')).not.toBe(classOf('`n '));
		expect(rhaiHighlightStyle.style([t.docComment])).not.toBe(rhaiHighlightStyle.style([t.lineComment]));
	});
});

describe('Rhai indentation', () => {
	it('indents one unit per open bracket and dedents a closing one', async () => {
		const { getIndentation } = await import('@codemirror/language');
		const doc = 'fn f(x) {\n  let m = #{\n    a: [1,\n      2],\n  };\n}\n';
		const state = EditorState.create({ doc, extensions: [rhai()] });
		const at = (line: number) => getIndentation(state, state.doc.line(line).from);
		expect(at(1)).toBe(0);
		expect(at(2)).toBe(2);
		expect(at(3)).toBe(4);
		expect(at(4)).toBe(6);
		expect(at(5)).toBe(2); // "}" closes the map: one less than the two brackets open before it
		expect(at(6)).toBe(0);
	});
});
