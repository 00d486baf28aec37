// Equivalent of fib_recursive.rhai for Rhino.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
var n = 29;
"fib(" + n + ") = " + fib(n);
