// DynLang lexer: tokens of `.dyn` model files.
//
// Newlines are ordinary whitespace: statements end where the next one cannot continue the
// expression (the language has no juxtaposition), or at an optional ';'. The one exception is
// a number followed by a unit (`10 ms`, `-65 mV`, `0.5 um^2`): the parser accepts it only when
// number and unit stand on the same line, so `state x = 0` followed by a line `m = ...` is
// never mistaken for "0 metres".
lexer grammar DynLangLexer;

// ---- model kinds -------------------------------------------------------------------------
NEURON      : 'neuron';
SYNAPSE     : 'synapse';
RULE        : 'rule';
SYSTEM      : 'system';
FIELD       : 'field';

// ---- declarations and statements ----------------------------------------------------------
NAMESPACE   : 'namespace';
PARAM       : 'param';
STATE       : 'state';
INPUT       : 'input';
ON          : 'on';
PRE         : 'pre';
POST        : 'post';
EMIT        : 'emit';
REFRACTORY  : 'refractory';
SOLVER      : 'solver';
SURROGATE   : 'surrogate';
INVARIANT   : 'invariant';
ENERGY      : 'energy';
ASSERT      : 'assert';
FUNCTION    : 'function';
PRECISION   : 'precision';
MATH        : 'math';
IN          : 'in';

// ---- equation flags, written in parentheses after an equation -----------------------------
EVENT_DRIVEN : 'event_driven';
CLOCK_DRIVEN : 'clock_driven';
UNLESS       : 'unless';
SUMMED       : 'summed';
CONSTANT     : 'constant';

// ---- declaration flags (`param W[i,j] symmetric`) ------------------------------------------
SYMMETRIC    : 'symmetric';
POSITIVE     : 'positive';
NEGATIVE     : 'negative';
NONNEGATIVE  : 'nonnegative';
NONPOSITIVE  : 'nonpositive';

// ---- logic words ---------------------------------------------------------------------------
AND         : 'and';
OR          : 'or';
NOT         : 'not';

// ---- literals ------------------------------------------------------------------------------
NUMBER      : DIGITS ('.' DIGITS?)? EXPONENT?
            | '.' DIGITS EXPONENT?
            ;

ID          : ID_START ID_PART*;

// ---- operators and punctuation -------------------------------------------------------------
POW         : '**';
PLUS_ASSIGN : '+=';
MINUS_ASSIGN: '-=';
STAR_ASSIGN : '*=';
SLASH_ASSIGN: '/=';
EQ          : '==';
NE          : '!=';
LE          : '<=';
GE          : '>=';
AMPAMP      : '&&';
PIPEPIPE    : '||';
LT          : '<';
GT          : '>';
ASSIGN      : '=';
PLUS        : '+';
MINUS       : '-';
STAR        : '*';
SLASH       : '/';
PERCENT     : '%';
CARET       : '^';
BANG        : '!';
LPAREN      : '(';
RPAREN      : ')';
LBRACK      : '[';
RBRACK      : ']';
LBRACE      : '{';
RBRACE      : '}';
COMMA       : ',';
SEMI        : ';';
COLON       : ':';
DOT         : '.';

// ---- trivia --------------------------------------------------------------------------------
// Comments stay on the hidden channel: suppression comments (`// dynlang-disable DL0401`)
// are read from there.
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS            : [ \t\r\n\f]+ -> skip;

// Anything else is one bad character; the parser driver reports it with its location.
ERROR_CHAR    : .;

fragment DIGITS      : [0-9]+;
fragment EXPONENT    : [eE] [+-]? DIGITS;
fragment ID_START    : [a-zA-Z_\u00B5\u03BC];
fragment ID_PART     : [a-zA-Z_0-9\u00B5\u03BC];
