'use strict';
// The plotly.js traces the report's charts use: the core (which has scatter) with bar, box and
// scatterpolar. Keep in step with diagnose/report/images.py BUNDLE_TRACES.
var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/box'), require('plotly.js/lib/scatterpolar')]);

module.exports = Plotly;
