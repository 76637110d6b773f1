#!/usr/bin/env node
// Writes dyn.tmLanguage.json (the TextMate grammar of .dyn files) from the word lists below.
// The JSON is committed; edit this file, then run `node generate.js` (write) or
// `node generate.js --check` (exit 1 when the committed JSON differs; tests/grammar/run.sh does).
//
// Sources of the lists: grammar/DynLangLexer.g4 (keywords), docs/language.md (built-in functions
// and values, the unit catalog, solver and surrogate names), docs/fields.md (boundaries) and the
// binder (assert predicates). README.md beside this file explains the scope choices.
'use strict';
const fs = require('fs');
const path = require('path');

const words = (list) => list.join('|');

// ---- word lists ------------------------------------------------------------------------------
const modelKinds = ['neuron', 'synapse', 'rule', 'system', 'field'];
const declarations = ['param', 'state', 'input'];
const equationFlags = ['event_driven', 'clock_driven', 'summed', 'constant']; // + `unless refractory`
const declFlags = ['symmetric', 'positive', 'negative', 'nonnegative', 'nonpositive', 'constant'];
// Every keyword of the lexer: none of them is ever a unit after a number.
const keywords = [
  ...modelKinds, 'namespace', ...declarations, 'on', 'pre', 'post', 'emit', 'refractory',
  'solver', 'surrogate', 'invariant', 'energy', 'assert', 'function', 'precision', 'math', 'in',
  'event_driven', 'clock_driven', 'unless', 'summed', 'constant',
  'symmetric', 'positive', 'negative', 'nonnegative', 'nonpositive', 'and', 'or', 'not',
];
const builtinFunctions = [
  'exp', 'ln', 'log10', 'log', 'sinh', 'cosh', 'tanh', 'sin', 'cos', 'tan', 'atan', 'sigmoid',
  'exprel', 'sqrt', 'abs', 'floor', 'ceil', 'min', 'max', 'clip', 'sign', 'heaviside', 'ifelse',
  'int', 'laplacian', 'grad', 'div', 'upwind', 'sum',
];
const builtinConstants = ['pi', 'e', 'inf'];
const builtinVariables = ['t', 'dt', 'xi'];            // and xi_… (docs/language.md, reserved names)
const assertPredicates = ['symmetric', 'gradient_flow', 'sign_preserving'];
const solvers = ['euler', 'rk2', 'rk4', 'exact', 'exponential_euler', 'euler_maruyama', 'heun'];
const surrogates = ['fast_sigmoid', 'arctan', 'log_sum_exp'];
const precisions = ['float', 'double'];
const mathModes = ['platform', 'fast'];
const boundaryKinds = ['periodic', 'neumann', 'dirichlet'];
const boundarySides = ['x', 'y', 'z', 'left', 'right', 'bottom', 'top', 'front', 'back'];
const gridOptions = ['order'];

// The unit catalog of docs/language.md ("Units"): prefix symbols before unit symbols or full
// names, spelled-out prefixes before full names; `rad`/`radian` never prefixed.
const prefixSymbols = ['da', 'y', 'z', 'a', 'f', 'p', 'n', 'u', '\u00b5', '\u03bc', 'm', 'c', 'd',
  'h', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const prefixNames = ['yocto', 'zepto', 'atto', 'femto', 'pico', 'nano', 'micro', 'milli', 'centi',
  'deci', 'deca', 'hecto', 'kilo', 'mega', 'giga', 'tera', 'peta', 'exa', 'zetta', 'yotta'];
const unitSymbols = ['mol', 'cd', 'Hz', 'Pa', 'ohm', 'm', 'g', 's', 'A', 'K', 'N', 'J', 'W', 'C',
  'V', 'F', 'S', 'L', 'l', 'M'];
const unitNames = ['metre', 'meter', 'gram', 'second', 'ampere', 'amp', 'kelvin', 'mole', 'candela',
  'hertz', 'newton', 'pascal', 'joule', 'watt', 'coulomb', 'volt', 'farad', 'ohm', 'siemens',
  'litre', 'liter', 'molar'];
const unprefixedUnits = ['radian', 'rad'];

// ---- regular-expression pieces ---------------------------------------------------------------
const ID = '[A-Za-z_\\x{00B5}\\x{03BC}][A-Za-z0-9_\\x{00B5}\\x{03BC}]*';
const idStart = '(?<![A-Za-z0-9_\\x{00B5}\\x{03BC}])';   // \b does not know µ and μ
const idEnd = '(?![A-Za-z0-9_\\x{00B5}\\x{03BC}])';
const w = (list) => `${idStart}(?:${words(list)})${idEnd}`;
const NUMBER = '(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
const knownUnit = `${idStart}(?:(?:${words(prefixSymbols)})?(?:${words(unitSymbols)})` +
  `|(?:${words(prefixSymbols)}|${words(prefixNames)})?(?:${words(unitNames)})` +
  `|${words(unprefixedUnits)})${idEnd}`;

// ---- the grammar -----------------------------------------------------------------------------
const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'DynLang',
  scopeName: 'source.dyn',
  fileTypes: ['dyn'],
  patterns: [
    { include: '#namespace' },
    { include: '#members' },
  ],
  repository: {
    comments: {
      patterns: [
        {
          name: 'comment.block.dyn',
          begin: '/\\*',
          end: '\\*/',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.dyn' } },
          endCaptures: { 0: { name: 'punctuation.definition.comment.end.dyn' } },
        },
        {
          name: 'comment.line.double-slash.dyn',
          begin: '//',
          end: '$',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.dyn' } },
          patterns: [{ include: '#suppression' }],
        },
      ],
    },
    // `// dynlang-disable-next-line DL0411 reason` and its siblings (docs/language.md, Comments).
    suppression: {
      match: '(?<=//)\\s*(dynlang-(?:disable-next-line|disable-line|disable|restore))\\b((?:[\\s,]+DL[0-9]{4})*)',
      captures: {
        1: { name: 'keyword.other.suppression.dyn' },
        2: { patterns: [{ match: 'DL[0-9]{4}', name: 'constant.other.diagnostic-id.dyn' }] },
      },
    },
    namespace: {
      match: `${idStart}(namespace)${idEnd}(?:\\s+(${ID}(?:\\s*\\.\\s*${ID})*))?`,
      captures: {
        1: { name: 'keyword.other.namespace.dyn' },
        2: { name: 'entity.name.namespace.dyn' },
      },
    },
    // neuron LIF { | synapse STDP(pre LIF, post LIF) { | rule Oja(x[j], y[i]) on W[i,j] {
    // field Heat on grid1d(periodic, order 4) {  — from the kind to the opening brace.
    'model-header': {
      name: 'meta.model.header.dyn',
      begin: `${idStart}(${words(modelKinds)})${idEnd}(?:\\s+(${ID}))?`,
      beginCaptures: {
        1: { name: 'storage.type.model.dyn' },
        2: { name: 'entity.name.type.dyn' },
      },
      end: '(?=\\{)',
      patterns: [
        { include: '#comments' },
        { include: '#grid-target' },
        {
          match: w(['on']),
          name: 'keyword.other.on.dyn',
        },
        { include: '#signature' },
        { include: '#expression' },
      ],
    },
    signature: {
      name: 'meta.signature.dyn',
      begin: '\\(',
      end: '\\)',
      beginCaptures: { 0: { name: 'punctuation.section.parens.begin.dyn' } },
      endCaptures: { 0: { name: 'punctuation.section.parens.end.dyn' } },
      patterns: [
        { include: '#comments' },
        {
          match: `${idStart}(pre|post)\\s+(${ID})`,
          captures: {
            1: { name: 'storage.modifier.role.dyn' },
            2: { name: 'entity.name.type.dyn' },
          },
        },
        { include: '#unit-annotation' },
        { include: '#expression' },
      ],
    },
    // on grid2d(x: periodic, left: dirichlet(1 mV), order 4)
    'grid-target': {
      name: 'meta.grid.dyn',
      begin: `${idStart}(on)\\s+(${ID})\\s*(\\()`,
      beginCaptures: {
        1: { name: 'keyword.other.on.dyn' },
        2: { name: 'support.type.grid.dyn' },
        3: { name: 'punctuation.section.parens.begin.dyn' },
      },
      end: '\\)',
      endCaptures: { 0: { name: 'punctuation.section.parens.end.dyn' } },
      patterns: [
        { include: '#comments' },
        {
          match: `${w(boundarySides)}\\s*(:)`,
          name: 'variable.other.boundary-side.dyn',
          captures: { 1: { name: 'punctuation.separator.key-value.dyn' } },
        },
        { match: w(boundaryKinds), name: 'support.constant.boundary.dyn' },
        { match: w(gridOptions), name: 'support.constant.grid-option.dyn' },
        { include: '#paren-group' },
        { include: '#expression' },
      ],
    },
    // Balanced parentheses inside a context that ends at `)`: `dirichlet(1 mV)` in a grid.
    'paren-group': {
      begin: '\\(',
      end: '\\)',
      beginCaptures: { 0: { name: 'punctuation.section.parens.begin.dyn' } },
      endCaptures: { 0: { name: 'punctuation.section.parens.end.dyn' } },
      patterns: [{ include: '#paren-group' }, { include: '#expression' }],
    },
    'function-declaration': {
      match: `${idStart}(function)${idEnd}(?:\\s+(${ID}))?`,
      captures: {
        1: { name: 'storage.type.function.dyn' },
        2: { name: 'entity.name.function.dyn' },
      },
    },
    members: {
      patterns: [
        { include: '#comments' },
        { include: '#model-header' },
        { include: '#function-declaration' },
        { include: '#derivative' },
        { include: '#equation-flags' },
        { include: '#settings' },
        { include: '#claims' },
        { include: '#events' },
        { match: w(declarations), name: 'storage.type.declaration.dyn' },
        { match: w(declFlags), name: 'storage.modifier.flag.dyn' },
        { match: w(['in']), name: 'keyword.other.range.dyn' },
        { include: '#unit-annotation' },
        { include: '#expression' },
      ],
    },
    // dv/dt and dW[i,j]/dt at the start of a statement (line start, after `;` or `{`).
    derivative: {
      match: `(?:^|(?<=[;{]))\\s*(d${ID})\\s*(\\[[^\\]]*\\])?\\s*(/)\\s*(dt)${idEnd}`,
      captures: {
        1: { name: 'entity.name.function.derivative.dyn' },
        2: { patterns: [{ include: '#expression' }] },
        3: { name: 'keyword.operator.derivative.dyn' },
        4: { name: 'entity.name.function.derivative.dyn' },
      },
    },
    // (event_driven) | (summed) | (unless refractory) | (clock_driven, constant)
    'equation-flags': {
      name: 'meta.annotation.equation-flags.dyn',
      begin: `\\((?=\\s*(?:${words(equationFlags)}|unless)${idEnd})`,
      end: '\\)',
      beginCaptures: { 0: { name: 'punctuation.section.parens.begin.dyn' } },
      endCaptures: { 0: { name: 'punctuation.section.parens.end.dyn' } },
      patterns: [
        { include: '#comments' },
        { match: `${idStart}unless\\s+refractory${idEnd}`, name: 'storage.modifier.flag.dyn' },
        { match: w([...equationFlags, 'unless']), name: 'storage.modifier.flag.dyn' },
        { include: '#expression' },
      ],
    },
    settings: {
      patterns: [
        {
          match: `${idStart}(solver)${idEnd}(?:\\s+(${ID}))?`,
          captures: {
            1: { name: 'keyword.other.setting.dyn' },
            2: { patterns: [
              { match: w(solvers), name: 'support.constant.solver.dyn' },
              { match: ID, name: 'variable.other.dyn' },
            ] },
          },
        },
        {
          match: `${idStart}(surrogate)${idEnd}(?:\\s+(${ID}))?`,
          captures: {
            1: { name: 'keyword.other.setting.dyn' },
            2: { patterns: [
              { match: w(surrogates), name: 'support.constant.surrogate.dyn' },
              { match: ID, name: 'variable.other.dyn' },
            ] },
          },
        },
        {
          match: `${idStart}(precision)${idEnd}(?:\\s+(${ID}))?`,
          captures: {
            1: { name: 'keyword.other.setting.dyn' },
            2: { patterns: [
              { match: w(precisions), name: 'support.type.precision.dyn' },
              { match: ID, name: 'variable.other.dyn' },
            ] },
          },
        },
        {
          match: `${idStart}(math)${idEnd}(?:\\s+(${ID}))?`,
          captures: {
            1: { name: 'keyword.other.setting.dyn' },
            2: { patterns: [
              { match: w(mathModes), name: 'support.constant.math-mode.dyn' },
              { match: ID, name: 'variable.other.dyn' },
            ] },
          },
        },
      ],
    },
    claims: {
      patterns: [
        {
          match: `${idStart}(assert)${idEnd}(?:\\s+(${words(assertPredicates)})${idEnd})?`,
          captures: {
            1: { name: 'keyword.other.claim.dyn' },
            2: { name: 'support.function.predicate.dyn' },
          },
        },
        {
          match: `${idStart}(invariant|energy)${idEnd}(?:\\s+(${ID}))?`,
          captures: {
            1: { name: 'keyword.other.claim.dyn' },
            2: { name: 'variable.other.declaration.dyn' },
          },
        },
      ],
    },
    events: {
      patterns: [
        {
          match: `${idStart}(on)\\s+(pre|post)${idEnd}(?!\\s*\\.)`,
          captures: {
            1: { name: 'keyword.control.event.dyn' },
            2: { name: 'keyword.control.event.trigger.dyn' },
          },
        },
        {
          match: `${idStart}(emit)${idEnd}(?:\\s+(${ID}))?`,
          captures: {
            1: { name: 'keyword.control.event.dyn' },
            2: { name: 'constant.other.event.dyn' },
          },
        },
        { match: w(['on', 'refractory']), name: 'keyword.control.event.dyn' },
      ],
    },
    // `: mV`, `: mV/ms`, `: m^2/s`, `: (mV/ms)`, `: 1`, `: s^-0.5` after a declared name.
    'unit-annotation': {
      name: 'meta.annotation.unit.dyn',
      begin: '(:)',
      beginCaptures: { 1: { name: 'punctuation.separator.annotation.dyn' } },
      end: `(?=[=,;{})\\]]|${idStart}in${idEnd}|$)`,
      patterns: [
        { include: '#comments' },
        { include: '#unit-group' },
        { include: '#unit-expression' },
      ],
    },
    'unit-group': {
      begin: '\\(',
      end: '\\)',
      beginCaptures: { 0: { name: 'punctuation.section.parens.begin.dyn' } },
      endCaptures: { 0: { name: 'punctuation.section.parens.end.dyn' } },
      patterns: [{ include: '#unit-group' }, { include: '#unit-expression' }],
    },
    'unit-expression': {
      patterns: [
        { include: '#unit-name' },
        { match: `(?<![A-Za-z0-9_.\\x{00B5}\\x{03BC}])${NUMBER}`, name: 'constant.numeric.dyn' },
        { match: '\\*\\*|[*/^-]', name: 'keyword.operator.unit.dyn' },
      ],
    },
    'unit-name': {
      patterns: [
        { match: knownUnit, name: 'keyword.other.unit.dyn' },
        { match: ID, name: 'keyword.other.unit.unknown.dyn' },
      ],
    },
    // A number; followed on the same line by a name (never a keyword), it is a quantity and the
    // name is its unit, with an optional whole power: `10 ms`, `-65 mV`, `2 um^2`, `1 m**-3`.
    quantity: {
      match: `(?<![A-Za-z0-9_.\\x{00B5}\\x{03BC}])(?:([0-9]+)(?![0-9.]|[eE][+-]?[0-9])|(${NUMBER}))` +
        `(?:[ \\t]*(?!(?:${words(keywords)})${idEnd})(${ID})` +
        `(?:[ \\t]*(\\^|\\*\\*)[ \\t]*(-?[0-9]+(?:\\.[0-9]*)?))?)?`,
      captures: {
        1: { name: 'constant.numeric.integer.dyn' },
        2: { name: 'constant.numeric.float.dyn' },
        3: { patterns: [{ include: '#unit-name' }] },
        4: { name: 'keyword.operator.unit.dyn' },
        5: { name: 'constant.numeric.dyn' },
      },
    },
    expression: {
      patterns: [
        { include: '#comments' },
        { include: '#quantity' },
        { match: `${idStart}(d)\\s*(?=\\()`, name: 'entity.name.function.derivative.dyn' },
        {
          match: `${idStart}(pre|post)\\s*(\\.)`,
          captures: {
            1: { name: 'variable.language.dyn' },
            2: { name: 'punctuation.accessor.dyn' },
          },
        },
        { match: w(['pre', 'post']), name: 'storage.modifier.role.dyn' },
        { match: w(['and', 'or', 'not']), name: 'keyword.operator.logical.dyn' },
        { match: `${w(builtinFunctions)}(?=\\s*\\()`, name: 'support.function.builtin.dyn' },
        { match: w(builtinConstants), name: 'constant.language.dyn' },
        { match: `${idStart}(?:${words(builtinVariables)}|xi_[A-Za-z0-9_\\x{00B5}\\x{03BC}]*)${idEnd}`,
          name: 'variable.language.builtin.dyn' },
        { match: w(keywords), name: 'keyword.other.dyn' },
        {
          // A name before parentheses is a call, unless they hold equation flags: `x/tau (summed)`.
          match: `${ID}(?=\\s*\\((?!\\s*(?:${words(equationFlags)}|unless)${idEnd}))`,
          name: 'entity.name.function.call.dyn',
        },
        { match: ID, name: 'variable.other.dyn' },
        { include: '#operators' },
        { include: '#punctuation' },
        { match: '\\S', name: 'invalid.illegal.character.dyn' },
      ],
    },
    operators: {
      patterns: [
        { match: '\\+=|-=|\\*=|/=', name: 'keyword.operator.assignment.compound.dyn' },
        { match: '==|!=|<=|>=|<|>', name: 'keyword.operator.comparison.dyn' },
        { match: '&&|\\|\\||!', name: 'keyword.operator.logical.dyn' },
        { match: '=', name: 'keyword.operator.assignment.dyn' },
        { match: '\\*\\*|\\^', name: 'keyword.operator.arithmetic.power.dyn' },
        { match: '[-+*/%]', name: 'keyword.operator.arithmetic.dyn' },
      ],
    },
    punctuation: {
      patterns: [
        { match: '\\{', name: 'punctuation.section.block.begin.dyn' },
        { match: '\\}', name: 'punctuation.section.block.end.dyn' },
        { match: '\\(', name: 'punctuation.section.parens.begin.dyn' },
        { match: '\\)', name: 'punctuation.section.parens.end.dyn' },
        { match: '\\[', name: 'punctuation.section.brackets.begin.dyn' },
        { match: '\\]', name: 'punctuation.section.brackets.end.dyn' },
        { match: ',', name: 'punctuation.separator.comma.dyn' },
        { match: ';', name: 'punctuation.terminator.statement.dyn' },
        { match: '\\.', name: 'punctuation.accessor.dyn' },
        { match: ':', name: 'punctuation.separator.annotation.dyn' },
      ],
    },
  },
};

const text = JSON.stringify(grammar, null, 2) + '\n';
const out = path.join(__dirname, 'dyn.tmLanguage.json');
if (process.argv.includes('--check')) {
  const committed = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (committed !== text) {
    console.error('dyn.tmLanguage.json is out of date: run node editors/vscode/syntaxes/generate.js');
    process.exit(1);
  }
  console.log('dyn.tmLanguage.json matches generate.js');
} else {
  fs.writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
