package io.picloud.rhai.impl;

import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.RhaiRuntimeException;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.RunResult;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

/**
 * Golden scripts under {@code src/test/resources/rhai/<area>/*.rhai}. Each {@code // expect: text} line is one
 * expected line of print/debug output, in order; {@code // expect runtime error: Kind} and
 * {@code // expect parse error: Type} expect the run to fail that way (after the expected output);
 * {@code // expect parse error: Type at L:C} also checks where the first parse error is.
 */
@RunWith(Parameterized.class)
public class GoldenTest {
    private static final String EXPECT = "// expect: ";
    private static final String RUNTIME = "// expect runtime error: ";
    private static final String PARSE = "// expect parse error: ";

    private final Path file;

    public GoldenTest(String name, Path file) {
        this.file = file;
    }

    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> files() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenTest.class.getResource("/rhai").toURI());
        List<Object[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".rhai")).sorted()
                    .forEach(p -> out.add(new Object[] {root.relativize(p).toString(), p}));
        }
        return out;
    }

    @Test
    public void matchesExpectations() throws IOException {
        String src = Files.readString(file, StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        String runtimeError = null;
        String parseError = null;
        for (String line : src.split("\n")) {
            int at = line.indexOf("// expect");
            if (at < 0) {
                continue;
            }
            String c = line.substring(at);
            if (c.startsWith(RUNTIME)) {
                runtimeError = c.substring(RUNTIME.length()).trim();
            } else if (c.startsWith(PARSE)) {
                parseError = c.substring(PARSE.length()).trim();
            } else if (c.startsWith(EXPECT.trim())) {
                String v = c.substring(EXPECT.trim().length());
                expected.add(v.startsWith(" ") ? v.substring(1) : v);
            }
        }
        RhaiEngine engine = RhaiEngine.builder().evalEnabled(true).limits(Limits.RHAI_DEFAULTS).build();
        List<String> output;
        try {
            RunResult r = engine.run(engine.compile(file.getFileName().toString(), src), RunOptions.of(Map.of(), null));
            output = r.output();
            if (runtimeError != null || parseError != null) {
                fail("expected an error (" + (runtimeError != null ? runtimeError : parseError) + "), output " + output);
            }
        } catch (RhaiParseException e) {
            if (parseError == null) {
                throw e;
            }
            RhaiParseException.Error first = e.errors().get(0);
            int at = parseError.indexOf(" at ");
            if (at < 0) {
                assertEquals(parseError, first.parseErrorType());
            } else {
                String where = first.parseErrorType() + " at " + first.line() + ":" + first.column();
                assertEquals(e.getMessage(), parseError, where);
            }
            return;
        } catch (RhaiRuntimeException e) {
            if (runtimeError == null) {
                throw e;
            }
            assertEquals(e.getMessage(), runtimeError, e.kind());
            return;
        }
        assertEquals(String.join("\n", expected), String.join("\n", output));
    }
}
