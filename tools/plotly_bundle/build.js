// Builds the report's plotly.js (run through `make plotly-bundle`; see README.md).
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { environmentPlugin } = require('esbuild-plugin-environment');

const version = require('plotly.js/package.json').version;
const vendor = path.join(__dirname, '..', '..', 'diagnose', 'report', 'vendor');
const banner = `/*! plotly.js v${version} | MIT licence, Copyright 2012-2026 Plotly, Inc. (LICENSE-plotly.js.txt) | ` +
    'partial bundle for Netwerkscan: core (scatter), bar, box, scatterpolar | built by tools/plotly_bundle */';

// the options of plotly.js's own esbuild-config.js, minified, without the WebGL shaders (no gl traces)
esbuild.build({
    entryPoints: [path.join(__dirname, 'entry.js')],
    outfile: path.join(vendor, 'plotly-netscan.min.js'),
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    legalComments: 'none',
    banner: { js: banner },
    plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
    alias: { stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    logLevel: 'info',
}).then(() => {
    fs.copyFileSync(require.resolve('plotly.js/LICENSE'), path.join(vendor, 'LICENSE-plotly.js.txt'));
}).catch((error) => {
    console.error(error);
    process.exit(1);
});
