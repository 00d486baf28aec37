// A CodeMirror stream parser for Rhai, following the engine's own lexer (bundles/rhai/.../RhaiLexer.g4): the same
// keywords, numbers, strings, raw strings, chars and back-tick templates. Token names are @lezer/highlight tag
// paths (e.g. "variableName.function"), which StreamLanguage resolves to tags without a table of its own.
import { StringStream, type StreamParser } from '@codemirror/language';

/** One level of the mode stack: plain code (with its open braces counted) or the text of a back-tick string. */
interface Frame {
	mode: 'code' | 'template';
	/** In code opened by `${`: the `{` not yet closed inside it, so the right `}` ends the interpolation. */
	braces: number;
}

export interface RhaiState {
	stack: Frame[];
	/** Nesting depth of the block comment being read (Rhai block comments nest); 0 outside comments. */
	comment: number;
	/** The open block comment is a doc comment (`/** ... *\/`). */
	docComment: boolean;
	/** Inside a "..." string continued on the next line by a trailing backslash. */
	string: boolean;
	/** Inside a raw string #"..."# spanning lines: how many `#` close it (0: not in one). */
	rawHashes: number;
	/** The previous significant token was `.` or `?.`: an identifier after it is a property. */
	afterDot: boolean;
	/** The previous significant token was `fn`: the identifier after it is a definition. */
	afterFn: boolean;
	/** The previous significant token was `let` or `const`: the identifier after it is a definition. */
	afterLet: boolean;
	/** Brackets ( [ { open in code, for the indentation of the next line. */
	depth: number;
}

/** Control-flow keywords (tags.controlKeyword). */
export const CONTROL = new Set([
	'if', 'else', 'switch', 'do', 'while', 'until', 'loop', 'for', 'in', 'continue', 'break', 'return', 'throw',
	'try', 'catch'
]);
/** Keywords that declare something (tags.definitionKeyword). */
export const DEFINITION = new Set(['let', 'const', 'fn', 'private']);
/** Keywords of modules (tags.moduleKeyword). */
export const MODULE = new Set(['import', 'export', 'as', 'global']);
/** Functions every script has (tags.standard(tags.variableName)). */
export const BUILTINS = new Set([
	'print', 'debug', 'type_of', 'is_def_fn', 'is_def_var', 'is_shared', 'Fn', 'call', 'curry', 'eval', 'secret',
	'invoke', 'emit', 'blob', 'timestamp', 'parse_int', 'parse_float'
]);

const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?)/;
const IDENT = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const OPERATOR = /^(?:\*\*=|<<=|>>=|\.\.=|===|!==|[+\-*/%&|^]=|==|!=|<=|>=|<<|>>|&&|\|\||\*\*|\?\?|\.\.|=>|::|[<>=+\-*/%&|^!~?:])/;

function top(state: RhaiState): Frame {
	return state.stack[state.stack.length - 1];
}

/** Reads a block comment's text up to where it closes (nesting counted) or the line ends. */
function blockComment(stream: StringStream, state: RhaiState): string {
	while (!stream.eol()) {
		if (stream.match('/*')) {
			state.comment++;
		} else if (stream.match('*/')) {
			state.comment--;
			if (state.comment === 0) {
				break;
			}
		} else {
			stream.next();
		}
	}
	const type = state.docComment ? 'docComment' : 'blockComment';
	if (state.comment === 0) {
		state.docComment = false;
	}
	return type;
}

/** Reads a "..." string up to its closing quote (`""` and `\"` stay inside); a trailing `\` continues it. */
function quoted(stream: StringStream, state: RhaiState): string {
	// A line break ends a string unless a backslash right before it continues the string (as the engine's lexer).
	let continued = false;
	while (!stream.eol()) {
		const ch = stream.next();
		if (ch === '\\') {
			if (stream.eol()) {
				continued = true;
			} else {
				stream.next();
			}
		} else if (ch === '"') {
			if (stream.peek() !== '"') {
				state.string = false;
				return 'string';
			}
			stream.next();
		}
	}
	state.string = continued;
	return 'string';
}

/** Reads a raw string #"..."# up to `"` followed by as many `#` as opened it; it may span lines. */
function raw(stream: StringStream, state: RhaiState): string {
	const close = '"' + '#'.repeat(state.rawHashes);
	while (!stream.eol()) {
		if (stream.match(close)) {
			state.rawHashes = 0;
			return 'string';
		}
		stream.next();
	}
	return 'string';
}

/** Reads the text of a back-tick string up to its end, an interpolation `${`, or the line's end. */
function templateText(stream: StringStream, state: RhaiState): string | null {
	if (stream.match('`')) {
		if (stream.peek() === '`') {
			stream.next();
			return 'string';
		}
		state.stack.pop();
		return 'string';
	}
	if (stream.match('${')) {
		state.stack.push({ mode: 'code', braces: 0 });
		return 'string.special';
	}
	while (!stream.eol()) {
		const ch = stream.peek();
		if (ch === '`' || (ch === '$' && stream.string.charAt(stream.pos + 1) === '{')) {
			break;
		}
		stream.next();
		if (ch === '\\') {
			stream.next();
		}
	}
	return 'string';
}

function character(stream: StringStream): string {
	while (!stream.eol()) {
		const ch = stream.next();
		if (ch === '\\') {
			stream.next();
		} else if (ch === "'") {
			break;
		}
	}
	return 'character';
}

function word(stream: StringStream, state: RhaiState, text: string, afterDot: boolean): string {
	const prev = { fn: state.afterFn, let: state.afterLet };
	state.afterFn = text === 'fn';
	state.afterLet = text === 'let' || text === 'const';
	if (afterDot) {
		return stream.match(/^\s*\(/, false) ? 'propertyName.function' : 'propertyName';
	}
	if (text === 'true' || text === 'false') return 'bool';
	if (text === 'this') return 'self';
	if (CONTROL.has(text)) return 'controlKeyword';
	if (DEFINITION.has(text)) return 'definitionKeyword';
	if (MODULE.has(text)) return 'moduleKeyword';
	if (prev.fn) return 'variableName.function.definition';
	if (prev.let) return 'variableName.definition';
	if (stream.match(/^\s*::/, false)) return 'namespace';
	if (BUILTINS.has(text) && stream.match(/^\s*\(/, false)) return 'variableName.standard';
	if (stream.match(/^\s*\(/, false)) return 'variableName.function';
	return 'variableName';
}

/** Code: everything outside strings and comments. */
function code(stream: StringStream, state: RhaiState): string | null {
	if (stream.eatSpace()) {
		return null;
	}
	if (stream.match(/^\/\/\/(?!\/)/)) {
		stream.skipToEnd();
		return 'docComment';
	}
	if (stream.match('//!')) {
		stream.skipToEnd();
		return 'docComment';
	}
	if (stream.match('//')) {
		stream.skipToEnd();
		return 'lineComment';
	}
	if (stream.match('/*')) {
		state.comment = 1;
		state.docComment = stream.peek() === '*' && stream.string.charAt(stream.pos + 1) !== '/';
		return blockComment(stream, state);
	}
	const afterDot = state.afterDot;
	state.afterDot = false;
	return codeToken(stream, state, afterDot);
}

function codeToken(stream: StringStream, state: RhaiState, afterDot: boolean): string | null {
	const raw_ = stream.match(/^(#{1,3})"/) as RegExpMatchArray | null;
	if (raw_) {
		state.rawHashes = raw_[1].length;
		return raw(stream, state);
	}
	if (stream.match('"')) return quoted(stream, state);
	if (stream.match("'")) return character(stream);
	if (stream.match('`')) {
		state.stack.push({ mode: 'template', braces: 0 });
		return 'string';
	}
	if (stream.match(NUMBER)) {
		const text = stream.current();
		state.afterFn = state.afterLet = false;
		return /^0[xob]/i.test(text) || !/[.eE]/.test(text) ? 'integer' : 'float';
	}
	const ident = stream.match(IDENT) as RegExpMatchArray | null;
	if (ident) return word(stream, state, ident[0], afterDot);
	state.afterFn = state.afterLet = false;
	if (stream.match('#{')) {
		top(state).braces++;
		state.depth++;
		return 'brace';
	}
	const ch = stream.peek();
	if (ch === '{') {
		stream.next();
		top(state).braces++;
		state.depth++;
		return 'brace';
	}
	if (ch === '}') {
		stream.next();
		const frame = top(state);
		if (frame.braces === 0 && state.stack.length > 1) {
			state.stack.pop();
			return 'string.special';
		}
		frame.braces = Math.max(0, frame.braces - 1);
		state.depth = Math.max(0, state.depth - 1);
		return 'brace';
	}
	if (ch === '(' || ch === '[') {
		stream.next();
		state.depth++;
		return ch === '(' ? 'paren' : 'squareBracket';
	}
	if (ch === ')' || ch === ']') {
		stream.next();
		state.depth = Math.max(0, state.depth - 1);
		return ch === ')' ? 'paren' : 'squareBracket';
	}
	if (stream.match('?.') || stream.match(/^\.(?!\.)/)) {
		state.afterDot = true;
		return 'derefOperator';
	}
	if (ch === ',' || ch === ';') {
		stream.next();
		return 'separator';
	}
	if (stream.match(OPERATOR)) return 'operator';
	stream.next();
	return 'invalid';
}

export const rhaiParser: StreamParser<RhaiState> = {
	name: 'rhai',
	startState: () => ({
		stack: [{ mode: 'code', braces: 0 }],
		comment: 0,
		docComment: false,
		string: false,
		rawHashes: 0,
		afterDot: false,
		afterFn: false,
		afterLet: false,
		depth: 0
	}),
	copyState: (s) => ({ ...s, stack: s.stack.map((f) => ({ ...f })) }),
	token(stream, state) {
		if (state.comment > 0) return blockComment(stream, state);
		if (state.rawHashes > 0) return raw(stream, state);
		if (state.string) return quoted(stream, state);
		if (top(state).mode === 'template') return templateText(stream, state);
		return code(stream, state);
	},
	/** One indent unit per bracket still open; a line starting with a closing bracket one less. */
	indent(state, textAfter, cx) {
		if (state.comment > 0 || state.string || state.rawHashes > 0 || top(state).mode === 'template') return null;
		const closing = /^[}\])]/.test(textAfter) ? 1 : 0;
		return Math.max(0, state.depth - closing) * cx.unit;
	},
	languageData: {
		indentOnInput: /^\s*[}\])]$/,
		commentTokens: { line: '//', block: { open: '/*', close: '*/' } },
		closeBrackets: { brackets: ['(', '[', '{', '"', '`'] }
	}
};

export interface Token {
	text: string;
	/** The token's tag path, e.g. "controlKeyword" or "string.special"; null for white space. */
	type: string | null;
}

/** Tokenizes a whole text line by line, as the editor does; the tests check the classes with it. */
export function tokenize(text: string): Token[] {
	const state = rhaiParser.startState!(2);
	const out: Token[] = [];
	for (const line of text.split('\n')) {
		const stream = new StringStream(line, 4, 2);
		while (!stream.eol()) {
			stream.start = stream.pos;
			const type = rhaiParser.token(stream, state);
			out.push({ text: stream.current(), type: type ?? null });
		}
	}
	return out;
}
