/*
 * Rhai lexer. Back-tick strings use a lexer mode; every '{' pushes DEFAULT_MODE and every '}' pops, so the
 * '}' closing a '${' interpolation returns to TEMPLATE mode. No actions: numeric/escape decoding happens in
 * the AST builder.
 */
lexer grammar RhaiLexer;

LET : 'let'; CONST : 'const'; IF : 'if'; ELSE : 'else'; SWITCH : 'switch'; DO : 'do'; WHILE : 'while';
UNTIL : 'until'; LOOP : 'loop'; FOR : 'for'; IN : 'in'; CONTINUE : 'continue'; BREAK : 'break';
RETURN : 'return'; THROW : 'throw'; TRY : 'try'; CATCH : 'catch'; FN : 'fn'; PRIVATE : 'private';
IMPORT : 'import'; EXPORT : 'export'; AS : 'as'; TRUE : 'true'; FALSE : 'false';

HEX_LIT : '0' [xX] [0-9a-fA-F_]+ ;
OCT_LIT : '0' [oO] [0-7_]+ ;
BIN_LIT : '0' [bB] [01_]+ ;
FLOAT_LIT : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT ;
INT_LIT : DIGITS ;
fragment DIGITS : [0-9] [0-9_]* ;
fragment EXPONENT : [eE] [+-]? [0-9] [0-9_]* ;

STRING_LIT : '"' ( ~["\\\n] | '\\' '\r'? '\n' | '\\' ~[\r\n] | '""' )* '"' ;
UNTERMINATED_STRING : '"' ( ~["\\\n] | '\\' '\r'? '\n' | '\\' ~[\r\n] | '""' )* ;
RAW_STRING : '#"' .*? '"#' | '##"' .*? '"##' | '###"' .*? '"###' ;
CHAR_LIT : '\'' ( ~['\\\r\n] | '\\' ~[\r\n] )* '\'' ;

BACKTICK : '`' -> pushMode(TEMPLATE) ;

MAP_START : '#{' -> pushMode(DEFAULT_MODE) ;
LBRACE : '{' -> pushMode(DEFAULT_MODE) ;
RBRACE : '}' -> popMode ;
UNIT_LIT : '()' ;
LPAREN : '(' ; RPAREN : ')' ; LBRACK : '[' ; RBRACK : ']' ;
QLBRACK : '?[' ; QDOT : '?.' ; QQ : '??' ;
COLONCOLON : '::' ; COLON : ':' ; COMMA : ',' ; SEMI : ';' ; ARROW : '=>' ;
DOTDOTEQ : '..=' ; DOTDOT : '..' ; DOT : '.' ;

POW_ASSIGN : '**=' ; SHL_ASSIGN : '<<=' ; SHR_ASSIGN : '>>=' ;
PLUS_ASSIGN : '+=' ; MINUS_ASSIGN : '-=' ; STAR_ASSIGN : '*=' ; SLASH_ASSIGN : '/=' ; PERCENT_ASSIGN : '%=' ;
AND_ASSIGN : '&=' ; OR_ASSIGN : '|=' ; XOR_ASSIGN : '^=' ;
EQEQ : '==' ; NEQ : '!=' ; LE : '<=' ; GE : '>=' ; SHL : '<<' ; SHR : '>>' ;
ANDAND : '&&' ; OROR : '||' ; POW : '**' ;
LT : '<' ; GT : '>' ; ASSIGN : '=' ; PLUS : '+' ; MINUS : '-' ; STAR : '*' ; SLASH : '/' ; PERCENT : '%' ;
AMP : '&' ; PIPE : '|' ; CARET : '^' ; BANG : '!' ;

RESERVED_SYM : '===' | '!==' | ':=' | ':;' | '->' | '<-' | '<|' | '|>' | '~' | '$' | '@' | '#!' | '#' | '++' | '--'
             | '...' | '::<' | '(*' | '*)' | '?' ;

UNDERSCORE : '_' ;
IDENT : [a-zA-Z_] [a-zA-Z0-9_]* ;

DOC_COMMENT : '///' ~[\r\n]* -> skip ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' ( BLOCK_COMMENT | . )*? '*/' -> skip ;
WS : [ \t\r\n\f]+ -> skip ;
ERROR_CHAR : . ;

mode TEMPLATE;
TPL_END : '`' -> popMode ;
TPL_INTERP : '${' -> pushMode(DEFAULT_MODE) ;
TPL_TEXT : ( ~[`$\\] | '``' | '\\$' '{'? | '\\' ~[$] )+ ;
TPL_DOLLAR : '$' ;
