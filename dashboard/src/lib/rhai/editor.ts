// The script editor: CodeMirror 6 with the Rhai language, line numbers, bracket matching, history, search and
// compile errors as lint diagnostics. Editor.svelte imports this module dynamically, so CodeMirror is loaded only on
// the pages that show an editor.
import { Compartment, EditorState, type Text } from '@codemirror/state';
import {
	EditorView,
	drawSelection,
	highlightActiveLine,
	highlightActiveLineGutter,
	highlightSpecialChars,
	keymap,
	lineNumbers
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { rhai } from './index';

/** A compile error as the server reports it: 1-based line and column. */
export interface SourceProblem {
	line: number;
	column: number;
	message: string;
}

export interface EditorOptions {
	doc: string;
	readOnly: boolean;
	/** The accessible name of the editing area. */
	label: string;
	onSave?: () => void;
	onChange?: (text: string) => void;
}

export interface RhaiEditor {
	text(): string;
	setText(text: string): void;
	setReadOnly(readOnly: boolean): void;
	showProblems(problems: SourceProblem[]): void;
	goTo(line: number, column: number): void;
	destroy(): void;
}

/** The document offset of a 1-based line and column, clamped into the document (a stale position stays usable). */
export function positionOf(doc: Text, line: number, column: number): number {
	const l = doc.line(Math.min(Math.max(1, Math.floor(line) || 1), doc.lines));
	return l.from + Math.min(Math.max(0, (Math.floor(column) || 1) - 1), l.length);
}

/** Lint diagnostics for the problems: each marks the word (or character) at its position. */
export function diagnosticsFor(doc: Text, problems: SourceProblem[]): Diagnostic[] {
	return problems.map((p) => {
		const from = positionOf(doc, p.line, p.column);
		const line = doc.lineAt(from);
		const rest = doc.sliceString(from, line.to);
		const word = /^[A-Za-z0-9_]+/.exec(rest)?.[0].length ?? 1;
		return { from, to: Math.min(line.to, from + word), severity: 'error', message: `${p.line}:${p.column} ${p.message}` };
	});
}

function editable(readOnly: boolean, label: string) {
	return [
		EditorState.readOnly.of(readOnly),
		EditorView.contentAttributes.of({
			'aria-label': label,
			'aria-readonly': readOnly ? 'true' : 'false'
		})
	];
}

export function createEditor(parent: HTMLElement, opts: EditorOptions): RhaiEditor {
	const access = new Compartment();
	const save = keymap.of([
		{
			key: 'Mod-s',
			preventDefault: true,
			run: () => {
				opts.onSave?.();
				return true;
			}
		}
	]);
	const view = new EditorView({
		parent,
		state: EditorState.create({
			doc: opts.doc,
			extensions: [
				save,
				lineNumbers(),
				highlightActiveLineGutter(),
				highlightSpecialChars(),
				history(),
				drawSelection(),
				indentOnInput(),
				bracketMatching(),
				highlightActiveLine(),
				highlightSelectionMatches(),
				search({ top: true }),
				lintGutter(),
				rhai(),
				keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
				access.of(editable(opts.readOnly, opts.label)),
				EditorView.updateListener.of((u) => {
					if (u.docChanged) opts.onChange?.(u.state.doc.toString());
				})
			]
		})
	});
	return {
		text: () => view.state.doc.toString(),
		setText(text) {
			if (text !== view.state.doc.toString()) {
				view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
			}
		},
		setReadOnly(readOnly) {
			view.dispatch({ effects: access.reconfigure(editable(readOnly, opts.label)) });
		},
		showProblems(problems) {
			view.dispatch(setDiagnostics(view.state, diagnosticsFor(view.state.doc, problems)));
		},
		goTo(line, column) {
			const pos = positionOf(view.state.doc, line, column);
			view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
			view.focus();
		},
		destroy: () => view.destroy()
	};
}
