package io.picloud.rhai.impl;

import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiParseException;
import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Parse errors carry Rhai's ParseErrorType and line:column, and one compile reports all of them. */
public class ParseErrorsTest {
    private final RhaiEngine engine = RhaiEngine.builder().build();

    private List<RhaiParseException.Error> errors(String src) {
        try {
            engine.compile("t", src);
            fail("expected parse errors");
            return null;
        } catch (RhaiParseException e) {
            return e.errors();
        }
    }

    @Test
    public void syntaxErrorHasPosition() {
        RhaiParseException.Error e = errors("let x = 1;\nlet y = ;").get(0);
        assertEquals(2, e.line());
        assertEquals(9, e.column());
    }

    @Test
    public void severalSemanticErrorsAreAllReported() {
        List<RhaiParseException.Error> es = errors("fn f(a, a) { a }\nbreak;\nfn f(b, c) { b }\nfn f(d, e) { d }");
        List<String> types = es.stream().map(RhaiParseException.Error::parseErrorType).toList();
        assertTrue(types.toString(), types.contains("FnDuplicatedParam"));
        assertTrue(types.toString(), types.contains("LoopBreak"));
        assertTrue(types.toString(), types.contains("FnDuplicatedDefinition"));
        assertEquals(2, es.stream().filter(e -> e.parseErrorType().equals("LoopBreak")).findFirst().get().line());
    }

    @Test
    public void severalSyntaxErrorsAreAllReported() {
        List<RhaiParseException.Error> es = errors("let a = (1 + ;\nlet b = 2;\nlet c = ];");
        assertTrue(es.toString(), es.size() >= 2);
    }

    @Test
    public void javascriptEqualityGetsAHelpfulMessage() {
        RhaiParseException.Error e = errors("1 === 1").get(0);
        assertEquals("Reserved", e.parseErrorType());
        assertTrue(e.message(), e.message().contains("This is not JavaScript"));
    }

    @Test
    public void assignmentTargetsAreChecked() {
        assertEquals("AssignmentToConstant", errors("const x = 1; x = 2;").get(0).parseErrorType());
        assertEquals("AssignmentToInvalidLHS", errors("let x = 1; x.len() = 2;").get(0).parseErrorType());
    }
}
