// The Rhai language for CodeMirror 6: the stream parser plus its highlighting, as one LanguageSupport.
import { LanguageSupport, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { rhaiParser } from './tokenizer';
import { rhaiHighlightStyle } from './highlight';

export const rhaiLanguage = StreamLanguage.define(rhaiParser);

export function rhai(): LanguageSupport {
	return new LanguageSupport(rhaiLanguage, [syntaxHighlighting(rhaiHighlightStyle)]);
}

export { rhaiHighlightStyle } from './highlight';
export { tokenize, type Token } from './tokenizer';
