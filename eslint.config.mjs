// n8n's community-node lint rules (eslint-plugin-n8n-nodes-base) over nodes/, credentials/ and
// package.json, as the n8n-nodes-starter configures them, in ESLint 9 flat-config form.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const { configs } = n8nNodesBase;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'sandbox/**', 'scripts/**', 'examples/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: { parseForESLint: (code) => ({ ast: jsonAst(code), services: {}, visitorKeys: {} }) } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...configs.credentials.rules,
			// Our documentation URLs point at each provider's own documentation.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...configs.nodes.rules,
			// continueOnFail lives in actions/router.ts, which execute() hands off to.
			'n8n-nodes-base/node-execute-block-missing-continue-on-fail': 'off',
			// As in n8n's community-package scanner (and @n8n/node-cli): inputs/outputs use the
			// NodeConnectionTypes enum, which the scanner requires and these two older rules reject.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];

/** package.json as an ESTree Program holding one object expression (what the plugin's rules read). */
function jsonAst(code) {
	const { parse } = tsParser;
	const ast = parse(`(${code})`, { range: true, loc: true, comment: true, tokens: true });
	return ast;
}
