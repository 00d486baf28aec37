package io.picloud.rhai.impl;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiException;
import org.junit.Test;

import java.time.Duration;
import java.util.Random;

import static org.junit.Assert.assertEquals;

/**
 * Bounded fuzzing with a fixed seed: random token soups and mutations of valid scripts. Every outcome must be a
 * value or a {@link RhaiException}; any other exception fails. Limits keep every run finite.
 */
public class FuzzTest {
    private static final String[] SEEDS = {
        "let x = [1, 2, 3]; x.push(4); x.map(|v| v * 2).filter(|v| v > 2).reduce(|a, b| a + b, 0)",
        "fn f(n) { if n < 2 { n } else { f(n - 1) + f(n - 2) } } f(10)",
        "let m = #{a: 1, b: \"two\", c: [3]}; m.b += \"!\"; m.c[0] = 4; `${m.a}/${m.b}/${m.c}`",
        "let s = \"hello world\"; s.split(' ').map(|w| w.to_upper()).reduce(|a, b| a + \"-\" + b)",
        "switch 5 { 1 | 2 => 'a', 3..10 if true => 'b', _ => 'c' }",
        "let sum = 0; for (x, i) in range(0, 20, 3) { if i % 2 == 0 { continue; } sum += x * i; } sum",
        "try { throw #{code: 1}; } catch (e) { e.code + 1 }",
        "let b = blob(4, 1); b[0] = 300; b.to_array()",
        "let f = |x| x + 1; let g = f.curry(2); [g.call(), Fn(\"abs\").call(-3)]",
        "let x = 10; x[1] = true; x.get_bits(0, 4) ?? 0",
    };
    private static final String[] TOKENS = {
        "let", "x", "y", "=", "+", "-", "*", "/", "%", "**", "(", ")", "[", "]", "{", "}", "#{", ";", ",", ".",
        "?.", "??", "if", "else", "while", "loop", "for", "in", "fn", "return", "break", "continue", "throw", "try",
        "catch", "switch", "=>", "_", "|", "||", "&&", "!", "==", "<", ">=", "..", "..=", "1", "0", "-1", "2.5",
        "\"s\"", "'c'", "`t${x}`", "true", "()", "len", "push", "this", "Fn", "call", "x.len()", "::",
    };

    private static final String CHARS = "(){}[];,.+-*/\"'`$#|&!=<>0123456789xy_ ";

    /**
     * Each script also runs on an engine that compiles every script function at its first call: the outcome
     * (value and operation count, or error kind, message and position) must be the same.
     */
    @Test
    public void randomScriptsOnlyEverFailWithRhaiErrors() {
        Random rnd = new Random(20260601L);
        Limits limits = new Limits(20_000, 32, 64, 32, 10_000, 1_000, 1_000, 1_000, 100, 4, Duration.ofSeconds(2));
        RhaiEngine engine = RhaiEngine.builder().evalEnabled(true).limits(limits).build();
        RhaiEngine compiling = RhaiEngine.builder().evalEnabled(true).limits(limits).compileAfterCalls(1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        int runs = 0;
        while (runs < 200 || (System.nanoTime() < deadline && runs < 20_000)) {
            String src = rnd.nextBoolean() ? soup(rnd) : mutate(rnd, SEEDS[rnd.nextInt(SEEDS.length)]);
            assertEquals(src, TestSupport.outcome(engine, src), TestSupport.outcome(compiling, src));
            runs++;
        }
    }

    static String soup(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            sb.append(TOKENS[rnd.nextInt(TOKENS.length)]).append(' ');
        }
        return sb.toString();
    }

    static String mutate(Random rnd, String seed) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                default -> sb.setCharAt(at, CHARS.charAt(rnd.nextInt(CHARS.length())));
            }
        }
        return sb.toString();
    }
}
