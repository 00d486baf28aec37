// Equivalent of closure_pipeline.rhai for Rhino.
var base = [];
for (var i = 0; i < 40000; i++) base.push(i);
var factor = 3, offset = 11, total = 0;
for (var round = 0; round < 12; round++) {
  var scaled = base.map(function (x) { return x * factor + offset + round; });
  var kept = scaled.filter(function (x) { return x % 5 != 0 && x % 7 != 3; });
  var folded = kept.reduce(function (acc, x) { return (acc + x * 2) % 1000003; }, 0);
  var anyBig = kept.some(function (x) { return x > 100000; });
  total += folded + (anyBig ? 1 : 0);
}
"total=" + total;
