/*
 * Rhai parser. Binary operators follow Rhai's precedence table (earlier alternatives bind tighter).
 * Statements that end with a block need no ';'. No actions; the AST builder gives meaning to the labels.
 */
parser grammar RhaiParser;
options { tokenVocab = RhaiLexer; }

script : stmts EOF ;

expression_only : expr EOF ;

stmts : stmt_item* last=simple_stmt? ;

stmt_item
    : block_stmt SEMI*          # blockItem
    | simple_stmt SEMI+         # simpleItem
    | SEMI                      # emptyItem
    ;

block_stmt
    : fn_def                    # fnDefStmt
    | if_expr                   # ifStmt
    | switch_expr               # switchStmt
    | while_expr                # whileStmt
    | loop_expr                 # loopStmt
    | do_expr                   # doStmt
    | for_expr                  # forStmt
    | try_stmt                  # tryStmt
    | block                     # blockStmt
    ;

simple_stmt
    : LET name=ident (ASSIGN value=expr)?                        # letStmt
    | CONST name=ident ASSIGN value=expr                         # constStmt
    | IMPORT path=expr (AS alias=ident)?                         # importStmt
    | EXPORT LET name=ident (ASSIGN value=expr)?                 # exportLetStmt
    | EXPORT CONST name=ident ASSIGN value=expr                  # exportConstStmt
    | EXPORT export_item (COMMA export_item)*                    # exportStmt
    | lhs=expr (op=assign_op rhs=expr)?                          # exprStmt
    ;

export_item : name=ident (AS alias=ident)? ;

assign_op
    : ASSIGN | PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN | PERCENT_ASSIGN | POW_ASSIGN
    | SHL_ASSIGN | SHR_ASSIGN | AND_ASSIGN | OR_ASSIGN | XOR_ASSIGN
    ;

fn_def : PRIVATE? FN (recv=fn_receiver DOT)? name=ident (UNIT_LIT | LPAREN (params+=ident (COMMA params+=ident)* COMMA?)? RPAREN) body=block ;
fn_receiver : ident | STRING_LIT ;

block : LBRACE stmts RBRACE ;

if_expr : IF cond=expr then=block (ELSE (elseIf=if_expr | otherwise=block))? ;

switch_expr : SWITCH subject=expr LBRACE (switch_case (COMMA | SEMI)*)* RBRACE ;
switch_case : pattern=case_pattern (IF guard=expr)? ARROW body=case_body ;
case_pattern
    : UNDERSCORE                                      # defaultPattern
    | case_value (PIPE case_value)*                   # valuePattern
    ;
case_value : lo=unary (range=(DOTDOT | DOTDOTEQ) hi=unary)? ;
case_body : block_stmt | simple_stmt ;

while_expr : WHILE cond=expr body=block ;
loop_expr : LOOP body=block ;
do_expr : DO body=block kind=(WHILE | UNTIL) cond=expr ;
for_expr : FOR (var=ident | LPAREN var=ident COMMA counter=ident RPAREN) IN iter=expr body=block ;
try_stmt : TRY body=block CATCH (LPAREN err=ident RPAREN)? handler=block ;

expr
    : unary                                                           # unaryExpr
    | lhs=expr op=(SHL | SHR) rhs=expr                                # binaryExpr
    | <assoc=right> lhs=expr op=POW rhs=expr                          # binaryExpr
    | lhs=expr op=(STAR | SLASH | PERCENT) rhs=expr                   # binaryExpr
    | lhs=expr op=(PLUS | MINUS) rhs=expr                             # binaryExpr
    | lhs=expr op=(DOTDOT | DOTDOTEQ) rhs=expr                        # binaryExpr
    | lhs=expr op=(DOTDOT | DOTDOTEQ)                                 # openRangeExpr
    | lhs=expr op=QQ rhs=expr                                         # binaryExpr
    | lhs=expr op=(LT | LE | GT | GE) rhs=expr                        # binaryExpr
    | lhs=expr (not=BANG)? op=IN rhs=expr                             # binaryExpr
    | lhs=expr op=(EQEQ | NEQ) rhs=expr                               # binaryExpr
    | lhs=expr op=(ANDAND | AMP) rhs=expr                             # binaryExpr
    | lhs=expr op=(OROR | PIPE | CARET) rhs=expr                      # binaryExpr
    ;

unary
    : postfix                                                         # postfixUnary
    | op=(MINUS | PLUS | BANG) operand=unary                          # prefixUnary
    ;

postfix : primary postfix_op* ;

postfix_op
    // a '!' after a property is a capture only before arguments: `a.b !in c` is `a.b` then `!in`
    : op=(DOT | QDOT) name=ident (bang=BANG? args)?                   # dotOp
    | op=(LBRACK | QLBRACK) index=expr RBRACK                          # indexOp
    ;

args : UNIT_LIT | LPAREN (expr (COMMA expr)* COMMA?)? RPAREN ;

primary
    : neg=MINUS? num=(INT_LIT | HEX_LIT | OCT_LIT | BIN_LIT | FLOAT_LIT)    # numberLit
    | neg=MINUS? num=INT_LIT DOT                                      # trailingDotFloat
    | STRING_LIT                                                      # stringLit
    | RAW_STRING                                                      # rawStringLit
    | CHAR_LIT                                                        # charLit
    | (TRUE | FALSE)                                                  # boolLit
    | template                                                        # templateLit
    | UNIT_LIT                                                        # unitLit
    | LPAREN expr RPAREN                                              # parenExpr
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                      # arrayLit
    | MAP_START (map_entry (COMMA map_entry)* COMMA?)? RBRACE         # mapLit
    | path+=ident (COLONCOLON path+=ident)+ args?                     # nsRef
    | name=ident bang=BANG? args                                      # callExpr
    | name=ident                                                      # varRef
    | block                                                           # blockExpr
    | if_expr                                                         # ifExpr
    | switch_expr                                                     # switchExpr
    | while_expr                                                      # whileExpr
    | loop_expr                                                       # loopExpr
    | do_expr                                                         # doExpr
    | for_expr                                                        # forExpr
    | (OROR | PIPE (params+=ident (COMMA params+=ident)*)? PIPE) body=simple_stmt   # closureExpr
    | op=(DOTDOT | DOTDOTEQ) hi=unary?                                # prefixRange
    | BREAK value=expr?                                               # breakExpr
    | CONTINUE                                                        # continueExpr
    | RETURN value=expr?                                              # returnExpr
    | THROW value=expr?                                               # throwExpr
    ;

ident : IDENT ;

map_entry : key=(IDENT | STRING_LIT | TRUE | FALSE | LET | CONST | IF | ELSE | FOR | IN | FN | RETURN) COLON value=expr
          | badKey=template COLON value=expr ;

template : BACKTICK template_part* TPL_END ;
template_part
    : TPL_TEXT                      # tplText
    | TPL_DOLLAR                    # tplDollar
    | TPL_INTERP stmts RBRACE       # tplInterp
    ;
