// Equivalent of float_matmul.rhai for Rhino.
var n = 120;
function make(n, seed) {
  var m = [];
  for (var i = 0; i < n; i++) {
    var row = [];
    for (var j = 0; j < n; j++) row.push(((i * 31 + j * 17 + seed) % 100) / 10.0 - 5.0);
    m.push(row);
  }
  return m;
}
var a = make(n, 1), b = make(n, 7), c = [];
for (var i = 0; i < n; i++) {
  var row = [], ai = a[i];
  for (var j = 0; j < n; j++) {
    var s = 0.0;
    for (var k = 0; k < n; k++) s += ai[k] * b[k][j];
    row.push(s);
  }
  c.push(row);
}
var trace = 0.0;
for (var i = 0; i < n; i++) trace += c[i][i];
"n=" + n + " trace=" + trace + " corner=" + c[n - 1][0];
