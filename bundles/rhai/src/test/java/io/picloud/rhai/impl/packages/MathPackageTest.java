package io.picloud.rhai.impl.packages;

import org.junit.Test;

import static io.picloud.rhai.impl.packages.ArrayPackageTest.error;
import static io.picloud.rhai.impl.packages.ArrayPackageTest.eval;
import static org.junit.Assert.assertEquals;

/** BasicMathPackage (math_basic.rs). */
public class MathPackageTest {
    @Test
    public void parseFloatTakesRustsInfinityAndNanInAnyCaseWithASign() {
        // Rhai parses with Rust's f64::from_str: [sign] (inf | infinity | nan | number), case-insensitive
        assertEquals("[true, true, true, true]",
                eval("[parse_float(\"inf\"), parse_float(\"+Inf\"), parse_float(\" INFINITY \"),"
                        + " parse_float(\"+infinity\")].map(|x| x.is_infinite() && x.sign() == 1)"));
        assertEquals("[true, true]", eval("[parse_float(\"-inf\"), parse_float(\"-Infinity\")]"
                + ".map(|x| x.is_infinite() && x.sign() == -1)"));
        assertEquals("[true, true, true]",
                eval("[parse_float(\"NaN\"), parse_float(\"nan\"), parse_float(\"-nan\")].map(|x| x.is_nan())"));
        assertEquals("2.5", eval("parse_float(\"2.5\")"));
    }

    @Test
    public void parseFloatRejectsJavaOnlySyntax() {
        assertEquals("ErrorArithmetic", error("parse_float(\"infx\")"));
        assertEquals("ErrorArithmetic", error("parse_float(\"1.5f\")"));
        assertEquals("ErrorArithmetic", error("parse_float(\"-0x1p3\")"));
        assertEquals("ErrorArithmetic", error("parse_float(\"\")"));
    }
}
