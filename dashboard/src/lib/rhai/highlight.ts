// Rhai's colours. Each is a CSS variable with a light default; Editor.svelte sets the dark values under
// prefers-color-scheme: dark, so one HighlightStyle serves both schemes.
import { HighlightStyle } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const v = (name: string, light: string) => `var(--rhai-${name}, ${light})`;

export const rhaiHighlightStyle = HighlightStyle.define([
	{ tag: [t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.keyword], color: v('keyword', '#8f2bbf'), fontWeight: '600' },
	{ tag: [t.bool, t.self], color: v('atom', '#005cc5') },
	{ tag: [t.integer, t.float, t.number], color: v('number', '#0b6e4f') },
	{ tag: [t.string, t.character], color: v('string', '#a3341c') },
	{ tag: t.special(t.string), color: v('interp', '#b35900'), fontWeight: '600' },
	{ tag: [t.lineComment, t.blockComment], color: v('comment', '#6a737d'), fontStyle: 'italic' },
	{ tag: t.docComment, color: v('doc', '#3f7d3a'), fontStyle: 'italic' },
	{ tag: [t.function(t.variableName), t.function(t.propertyName)], color: v('function', '#1f5fbf') },
	{ tag: t.definition(t.variableName), color: v('definition', '#1b1f24'), fontWeight: '600' },
	{ tag: t.standard(t.variableName), color: v('builtin', '#7a4b00') },
	{ tag: t.namespace, color: v('namespace', '#8a3d6e') },
	{ tag: t.propertyName, color: v('property', '#24577a') },
	{ tag: [t.operator, t.derefOperator], color: v('operator', '#5b6470') },
	{ tag: t.invalid, color: v('invalid', '#c62828'), textDecoration: 'underline wavy' }
]);
