// ESLint for the code that does not ship (test/, tools/, scripts/): the TypeScript rules, relaxed where tests and
// tooling legitimately differ from nodes (Node APIs, `any` in JSON fixtures, non-null assertions after checks).
// The n8n community-node rules stay on nodes/ and credentials/ (eslint.config.mjs, n8n's unmodified template).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import js from '@eslint/js';
import globals from 'globals';

// typescript-eslint comes with @n8n/node-cli (the same copy the node rules use), not as a top-level dependency.
const tseslint = createRequire(fileURLToPath(import.meta.resolve('@n8n/node-cli/eslint')))('typescript-eslint');

export default tseslint.config(
	{ ignores: ['dist/**', '.cache/**', 'node_modules/**', 'test-results/**'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-non-null-assertion': 'off',
			// n8n's own copies (flatted, playwright-core) are loaded from paths known only at run time.
			'@typescript-eslint/no-require-imports': 'off',
			'no-empty': ['error', { allowEmptyCatch: true }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// One naming style: no one-letter names.
			'id-length': ['error', { min: 2, properties: 'never', exceptions: ['_'] }],
		},
	},
	{
		files: ['**/*.{js,mjs}'],
		extends: [js.configs.recommended],
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: {
			'no-empty': ['error', { allowEmptyCatch: true }],
			'id-length': ['error', { min: 2, properties: 'never', exceptions: ['_'] }],
		},
	},
);
