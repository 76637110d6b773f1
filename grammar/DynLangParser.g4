// DynLang parser: the whole language of docs/language.md.
//
// The grammar only decides shape. Meaning (is `dv` the derivative of a state `v`? is `ms` a
// unit? is `sum(i, ...)` a reduction?) is decided by the AstBuilder and the Binder, which can
// give located, specific messages that a grammar cannot. Every element a later stage reads
// is labelled, and grammar/README.md maps each rule to its AST node.
parser grammar DynLangParser;

options { tokenVocab = DynLangLexer; }

// ---- files ---------------------------------------------------------------------------------
file
    : namespaceDecl? topLevel* EOF
    ;

namespaceDecl
    : NAMESPACE name=qualifiedName SEMI?
    ;

qualifiedName
    : ID (DOT ID)*
    ;

topLevel
    : modelDecl
    | functionDecl
    | SEMI
    ;

// ---- models --------------------------------------------------------------------------------
// neuron LIF { ... }
// synapse STDP(pre LIF, post LIF) { ... }
// rule Oja(x[j], y[i]) on W[i,j] { ... }
// system Hopfield(b[i]) { ... }
// field Heat on grid1d(periodic) { ... }
modelDecl
    : kind=modelKind name=ID (LPAREN signature=signatureList? RPAREN)? (ON target=modelTarget)?
      LBRACE member* RBRACE
    ;

modelKind
    : NEURON | SYNAPSE | RULE | SYSTEM | FIELD
    ;

signatureList
    : signatureItem (COMMA signatureItem)*
    ;

signatureItem
    : role=(PRE | POST) model=ID                                  # prePostSignature
    | name=ID indices=indexList? (COLON unit=unitExpr)?           # inputSignature
    ;

modelTarget
    : name=ID indices=indexList                                   # indexedTarget
    | name=ID LPAREN (boundary (COMMA boundary)*)? RPAREN         # gridTarget
    | name=ID                                                     # namedTarget
    ;

// periodic | neumann | dirichlet(0) | x: periodic | left: dirichlet(1 mV) | order 4 (a stencil option)
boundary
    : (side=ID COLON)? kind=ID (LPAREN value=expr RPAREN | number=NUMBER)?
    ;

indexList
    : LBRACK ID (COMMA ID)* RBRACK
    ;

// ---- members -------------------------------------------------------------------------------
member
    : paramDecl
    | stateDecl
    | inputDecl
    | odeEquation
    | definition
    | eventBlock
    | solverDecl
    | surrogateDecl
    | invariantDecl
    | energyDecl
    | assertDecl
    | functionDecl
    | precisionDecl
    | mathDecl
    | SEMI
    ;

paramDecl
    : PARAM variableItem (COMMA variableItem)*
    ;

stateDecl
    : STATE variableItem (COMMA variableItem)*
    ;

inputDecl
    : INPUT variableItem (COMMA variableItem)*
    ;

// tau = 10 ms | W[i,j] symmetric | v : mV = -65 mV | eta = 0.01 in [0, 1]
variableItem
    : name=ID indices=indexList? (COLON unit=unitExpr)? (ASSIGN value=expr)? range=valueRange?
      declFlag*
    ;

valueRange
    : IN open=(LBRACK | LPAREN) low=expr COMMA high=expr close=(RBRACK | RPAREN)
    ;

declFlag
    : SYMMETRIC | POSITIVE | NEGATIVE | NONNEGATIVE | NONPOSITIVE | CONSTANT
    ;

// dv/dt = (v_rest - v)/tau (unless refractory)
// dW[i,j]/dt = eta*x[i]*x[j]
odeEquation
    : derivative=ID indices=indexList? SLASH dt=ID ASSIGN rhs=expr flags=equationFlags?
    ;

equationFlags
    : LPAREN equationFlag (COMMA equationFlag)* RPAREN
    ;

equationFlag
    : EVENT_DRIVEN                 # eventDrivenFlag
    | CLOCK_DRIVEN                 # clockDrivenFlag
    | UNLESS REFRACTORY            # unlessRefractoryFlag
    | SUMMED                       # summedFlag
    | CONSTANT                     # constantFlag
    ;

// I_syn = g*(E - v) | y[i] = sum(j, W[i,j]*x[j]) | post.g_tot = w (summed)
definition
    : target=reference (COLON unit=unitExpr)? ASSIGN rhs=expr flags=equationFlags?
    ;

// on v > v_th { ... } | on pre { ... } | on post { ... }
eventBlock
    : ON trigger=eventTrigger LBRACE statement* RBRACE
    ;

eventTrigger
    : PRE                          # preTrigger
    | POST                         # postTrigger
    | condition=expr               # conditionTrigger
    ;

statement
    : target=reference op=(ASSIGN | PLUS_ASSIGN | MINUS_ASSIGN | STAR_ASSIGN | SLASH_ASSIGN) value=expr  # assignStatement
    | EMIT event=ID                                                                                   # emitStatement
    | REFRACTORY duration=expr                                                                        # refractoryStatement
    | SEMI                                                                                            # emptyStatement
    ;

// solver exact | solver rk4 (dt = 0.1 ms)
solverDecl
    : SOLVER name=ID (LPAREN solverOption (COMMA solverOption)* RPAREN)?
    ;

solverOption
    : name=ID ASSIGN value=expr
    ;

// surrogate fast_sigmoid(slope = 25 / mV) | surrogate log_sum_exp(temperature = 0.5 mV)
// (the TorchSharp backend's differentiable spike; options as a solver's)
surrogateDecl
    : SURROGATE name=ID (LPAREN solverOption (COMMA solverOption)* RPAREN)?
    ;

invariantDecl
    : INVARIANT name=ID (COLON unit=unitExpr)? ASSIGN value=expr
    ;

energyDecl
    : ENERGY name=ID (COLON unit=unitExpr)? ASSIGN value=expr
    ;

// assert symmetric(W) | assert gradient_flow | assert sign_preserving(W) | assert tau > 0 ms
assertDecl
    : ASSERT assertion
    ;

assertion
    : predicate=(ID | SYMMETRIC) (LPAREN arguments? RPAREN)?      # predicateAssertion
    | condition=expr                                              # conditionAssertion
    ;

// function rho(s) = tanh(s) | function f(x)   (no body: supplied by host code, opaque)
functionDecl
    : FUNCTION name=ID LPAREN (ID (COMMA ID)*)? RPAREN (ASSIGN body=expr)?
    ;

// precision float | precision double
precisionDecl
    : PRECISION name=ID
    ;

// math platform | math fast
mathDecl
    : MATH name=ID
    ;

// ---- expressions (alternatives in decreasing precedence) ------------------------------------
expr
    : primary                                                         # primaryExpr
    | <assoc=right> left=expr op=(CARET | POW) right=expr             # powerExpr
    | op=(MINUS | PLUS | BANG | NOT) operand=expr                     # unaryExpr
    | left=expr op=(STAR | SLASH | PERCENT) right=expr                # multiplicativeExpr
    | left=expr op=(PLUS | MINUS) right=expr                          # additiveExpr
    | left=expr op=(LT | LE | GT | GE) right=expr                     # comparisonExpr
    | left=expr op=(EQ | NE) right=expr                               # equalityExpr
    | left=expr op=(AND | AMPAMP) right=expr                          # andExpr
    | left=expr op=(OR | PIPEPIPE) right=expr                         # orExpr
    ;

primary
    : number=NUMBER ({IsOnSameLineAsPrevious()}? unit=ID unitPower=quantityPower?)?   # numberPrimary
    | callee=ID LPAREN arguments? RPAREN                              # callPrimary
    | reference                                                       # referencePrimary
    | LPAREN inner=expr RPAREN                                        # parenPrimary
    ;

// `2 um^2`: the power belongs to the unit, not to the quantity.
quantityPower
    : (CARET | POW) sign=MINUS? exponent=NUMBER
    ;

arguments
    : expr (COMMA expr)*
    ;

// v | W[i,j] | x[i+1] | post.ge | pre.v
reference
    : (scope=(PRE | POST) DOT)? name=ID (LBRACK expr (COMMA expr)* RBRACK)?
    ;

// ---- unit expressions (`: mV`, `: mV/ms`, `: m^2/s`, `: 1`) ----------------------------------
unitExpr
    : unitFactor ((STAR | SLASH) unitFactor)*
    ;

unitFactor
    : (name=ID | one=NUMBER) ((CARET | POW) sign=MINUS? exponent=NUMBER)?
    | LPAREN unitExpr RPAREN
    ;
