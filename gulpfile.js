// tsc compiles the TypeScript; gulp clears old output and copies what n8n loads next to the compiled code:
// the icons, and any node codex files.
const { rm } = require('node:fs/promises');
const { src, dest, parallel } = require('gulp');

function clean() {
	return rm('dist', { recursive: true, force: true });
}

function copyIcons() {
	return src('icons/**/*.{svg,png}', { encoding: false }).pipe(dest('dist/icons'));
}

function copyNodeAssets() {
	return src('nodes/**/*.{svg,png,json}', { encoding: false, allowEmpty: true }).pipe(dest('dist/nodes'));
}

exports.clean = clean;
exports.build = parallel(copyIcons, copyNodeAssets);
exports.default = exports.build;
