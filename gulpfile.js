// `npm run build:watch`: puts the icons and the nodes' codex (*.node.json) next to the compiled code,
// where n8n looks for them, before `tsc --watch` (which copies neither). `npm run build`
// (n8n-node build) does the same in one go.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
