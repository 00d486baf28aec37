// Equivalent of object_map_kv.rhai for Rhino (a Map with string keys).
var dict = new Map();
var n = 100000;
for (var i = 0; i < n; i++) dict.set("k" + i, i);
var hits = 0, sum = 0;
for (var i = 0; i < 2 * n; i++) {
  var key = "k" + ((i * 7) % (n + Math.floor(n / 2)));
  var v = dict.get(key);
  if (v !== undefined) { hits += 1; sum += v; dict.set(key, v + 1); }
}
for (var i = 0; i < n / 2; i++) dict.delete("k" + (i * 2));
"size=" + dict.size + " hits=" + hits + " sum=" + sum;
