// Equivalent of prime_sieve.rhai for Rhino.
var limit = 1000000;
var composite = [];
for (var i = 0; i <= limit; i++) composite.push(false);
var p = 2;
while (p * p <= limit) {
  if (!composite[p]) {
    var m = p * p;
    while (m <= limit) { composite[m] = true; m += p; }
  }
  p += 1;
}
var count = 0, last = 0;
for (var i = 2; i <= limit; i++) if (!composite[i]) { count += 1; last = i; }
"primes below " + limit + ": " + count + ", largest " + last;
