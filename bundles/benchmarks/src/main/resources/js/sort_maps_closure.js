// Equivalent of sort_maps_closure.rhai for Rhino. The LCG step is split so doubles stay exact.
function lcg(seed) {
  var hi = 1103515245 >>> 16, lo = 1103515245 & 0xffff, m = 2147483648;
  var part = ((seed * hi) % m) * 65536 % m;
  return (part + seed * lo + 12345) % m;
}
var seed = 12345, rows = [];
for (var i = 0; i < 40000; i++) {
  seed = lcg(seed);
  rows.push({ id: i, score: seed % 1000, name: "user" + (seed % 5003) });
}
rows.sort(function (a, b) {
  if (a.score != b.score) return b.score - a.score;
  if (a.name < b.name) return -1;
  if (a.name > b.name) return 1;
  return a.id - b.id;
});
var check = 0;
for (var i = 0; i < rows.length; i++) check = (check * 31 + rows[i].id) % 1000000007;
var lastRow = rows[rows.length - 1];
"first=" + rows[0].id + "/" + rows[0].score + " last=" + lastRow.id + "/" + lastRow.score + " check=" + check;
