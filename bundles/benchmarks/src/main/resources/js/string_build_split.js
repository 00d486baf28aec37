// Equivalent of string_build_split.rhai for Rhino.
var text = "", n = 200000;
for (var i = 0; i < n; i++) {
  if (i > 0) text += ";";
  text += "item" + (i % 97) + "=" + (i * 3);
}
var total = 0, longest = 0;
var parts = text.split(";");
for (var i = 0; i < parts.length; i++) {
  var kv = parts[i].split("=");
  total += parseInt(kv[1], 10);
  if (kv[0].length > longest) longest = kv[0].length;
}
"chars=" + text.length + " parts=" + n + " total=" + total + " longest_key=" + longest;
