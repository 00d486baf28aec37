package io.picloud.rhai.impl.packages;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import org.junit.Test;

import java.util.Map;

import static io.picloud.rhai.impl.packages.ArrayPackageTest.error;
import static io.picloud.rhai.impl.packages.ArrayPackageTest.eval;
import static org.junit.Assert.assertEquals;

/** BasicBlobPackage (blob_basic.rs) and BasicMapPackage (map_basic.rs). */
public class BlobMapPackageTest {
    @Test
    public void blobBasics() {
        assertEquals("[255, 255, 255]", eval("blob(3, 0x1ff).to_array()"));
        assertEquals("[0, 0, 0]", eval("let b = blob(); [b.get(0), b.pop(), b.shift()]"));
        assertEquals("[9, 1, 1, 1, 1]", eval("let b = blob(4, 1); b.insert(-10, 9); b.to_array()"));
        assertEquals("true", eval("blob(2, 300).contains(44)"));
        assertEquals("[44, 2]", eval("let b = blob(); b.push(300); b.append(2); b.to_array()"));
        assertEquals("\"h\u00e9\"", eval("let b = blob(); b.append(\"h\u00e9\"); b.as_string()"));
        assertEquals("[[1, 2], [0, 3, 4]]",
                eval("let b = blob(5); for i in 0..5 { b[i] = i; } let r = b.retain(1, 2); [b.to_array(), r.to_array()]"));
        assertEquals("[[0, 3, 4], [1, 2]]",
                eval("let b = blob(5); for i in 0..5 { b[i] = i; } let r = b.drain(1..3); [b.to_array(), r.to_array()]"));
        assertEquals("[1, 1, 1, 9]", eval("let b = blob(3, 1); b.splice(1, 0, blob(1, 9)); b.to_array()"));
        assertEquals("[1, 9, 1]", eval("let b = blob(3, 1); b.splice(1, 1, blob(1, 9)); b.to_array()"));
        assertEquals("[[0, 1], [2, 3]]",
                eval("let b = blob(4); for i in 0..4 { b[i] = i; } let r = b.split(-2); [b.to_array(), r.to_array()]"));
        assertEquals("[3, 4]", eval("let b = blob(5); for i in 0..5 { b[i] = i; } b.chop(2); b.to_array()"));
        assertEquals("[1, 1, 7, 7]", eval("let b = blob(2, 1); b.pad(4, 7); b.to_array()"));
    }

    /** Rhai's blob pad names the BLOB alone; blob(n) goes through the shared size check ("array/BLOB"). */
    @Test
    public void blobSizeErrors() {
        assertEquals("Size of BLOB too large", messageWithArrayLimit("let b = blob(); b.pad(11, 0);"));
        assertEquals("Size of array/BLOB too large", messageWithArrayLimit("blob(11)"));
    }

    static String messageWithArrayLimit(String script) {
        Limits limits = new Limits(0, 64, 64, 32, 0, 10, 0, 0, 0, 0, java.time.Duration.ZERO);
        RhaiEngine e = RhaiEngine.builder().limits(limits).build();
        try {
            e.run(e.compile("test", script), RunOptions.of(Map.of(), limits));
            return "no error";
        } catch (RhaiRuntimeException x) {
            return x.getMessage().replaceFirst("^\\[[^]]*\\] [A-Za-z]+: ", "");
        }
    }

    @Test
    public void blobCodecs() {
        assertEquals("72620543991349248", eval("let b = blob(); b.push(1); b.push(2); b.parse_be_int(0, 2)"));
        assertEquals("513", eval("let b = blob(); b.push(1); b.push(2); b.parse_le_int(0..2)"));
        assertEquals("[2, 1, 0, 0]", eval("let b = blob(4); b.write_le(0, 2, 0x0102); b.to_array()"));
        assertEquals("[0, 0, 0, 0]", eval("let b = blob(4); b.write_be(0, 2, 0x0102); b.to_array()"));
        assertEquals("1.5", eval("let b = blob(8); b.write_le(0, 8, 1.5); b.parse_le_float(0, 8)"));
        assertEquals("-2.25", eval("let b = blob(8); b.write_be(0..8, -2.25); b.parse_be_float(0..=7)"));
        assertEquals("[104, 195, 169]", eval("let b = blob(3); b.write_utf8(0, 10, \"h\u00e9llo\"); b.to_array()"));
        assertEquals("[104, 108, 108]", eval("let b = blob(3); b.write_ascii(0, 3, \"h\u00e9llo\"); b.to_array()"));
        assertEquals("0", eval("blob().parse_le_int(0, 8)"));
    }

    @Test
    public void mapFunctions() {
        assertEquals("#{\"a\": 10, \"b\": 20}", eval("#{a: 1, b: 2}.map(|k, v| v * 10)"));
        assertEquals("#{\"b\": 2}", eval("#{a: 1, b: 2}.filter(|k| this > 1)"));
        assertEquals("[#{\"a\": 1}, #{\"b\": 2, \"c\": 3}]",
                eval("let m = #{a: 1, b: 2, c: 3}; let r = m.drain(|k, v| v > 1); [m, r]"));
        assertEquals("[#{\"b\": 2, \"c\": 3}, #{\"a\": 1}]",
                eval("let m = #{a: 1, b: 2, c: 3}; let r = m.retain(|k, v| v > 1); [m, r]"));
        assertEquals("#{\"a\": 1, \"b\": 3}", eval("let m = #{a: 1}; m.fill_with(#{a: 2, b: 3}); m"));
        assertEquals("#{\"a\": 2, \"b\": 3}", eval("let m = #{a: 1}; m.mixin(#{a: 2, b: 3}); m"));
        assertEquals("[\"a\", \"b\"]", eval("#{b: 1, a: 2}.keys()"));
        assertEquals("[2, 1]", eval("#{b: 1, a: 2}.values()"));
        assertEquals("()", eval("#{a: 1}.get(\"x\")"));
        assertEquals("[(), #{\"a\": 1}]", eval("let m = #{a: 1}; let r = m.remove(\"x\"); [r, m]"));
        assertEquals("\"{\"a\":[1,2.5,\"x\",null],\"b\":true}\"",
                eval("#{a: [1, 2.5, \"x\", ()], b: true}.to_json()"));
        assertEquals("ErrorFunctionNotFound", error("#{a: 1}.contains('a')"));
        assertEquals("ErrorDataRace", error("let m = #{a: 1, b: 2}; m.drain(|k, v| { m.z = 1; true }); m"));
    }
}
