package io.picloud.rhai.impl;

import static org.junit.Assert.assertEquals;

import java.util.List;

import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.StaticImport;
import org.junit.Test;

public class ImportScannerTest {
    private final RhaiEngine engine = RhaiEngine.builder().build();

    @Test
    public void literalImportsAreFoundWithTheirPositions() {
        String src = "// import \"not-this\" as c;\nlet s = \"import \\\"nor-this\\\"\";\n"
                + "import \"lib\" as lib;\n  import \"other\";\nimport name_in_a_variable as v;";
        assertEquals(List.of(new StaticImport("lib", 3, 8), new StaticImport("other", 4, 10)),
                engine.staticImports(src));
    }

    @Test
    public void aModuleIsCompiledOnceForEveryRunThatImportsIt() {
        int[] resolved = {0};
        RhaiEngine e = RhaiEngine.builder().moduleResolver(path -> {
            resolved[0]++;
            return java.util.Optional.of("fn twice(x) { x * 2 }");
        }).build();
        var script = e.compile("main", "import \"m\" as m; m::twice(21)");
        assertEquals(42L, e.run(script, null).value());
        assertEquals(42L, e.run(script, null).value());
        assertEquals(2, resolved[0]); // resolved on each run (a new version may have come), compiled once
    }
}
