// Equivalent of int_while_loop.rhai for Rhino.
var i = 0, acc = 0, limit = 2000000;
while (i < limit) {
  acc += (i * 7 + 3) % 11;
  if (acc > 1000000000) acc -= 1000000000;
  i += 1;
}
"iterations=" + i + " acc=" + acc;
