package io.picloud.rhai.cli;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code run FILE} resolves {@code import "x"} to {@code x.rhai} beside FILE, as {@code rhai-run} does. */
public class FileModulesTest {
    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    @Test
    public void anImportIsTheFileBesideTheScript() throws Exception {
        Path root = dir.getRoot().toPath();
        Files.writeString(root.resolve("lib.rhai"), "export const ANSWER = 42;\nfn double(x) { x * 2 }\n"
                + "private fn hidden() { 0 }\n");
        Path main = root.resolve("main.rhai");
        Files.writeString(main, "import \"lib\" as lib;\nprint(lib::double(21));\nlib::ANSWER\n");
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(main, 1);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code);
        assertEquals("42\n42\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void aMissingFileIsNoModule() {
        assertEquals(java.util.Optional.empty(), new FileModules(dir.getRoot().toPath()).resolve("absent"));
    }
}
