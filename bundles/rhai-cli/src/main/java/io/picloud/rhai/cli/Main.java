package io.picloud.rhai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.Limits;
import io.picloud.rhai.RhaiEngine;
import io.picloud.rhai.RhaiException;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.RunOptions;
import io.picloud.rhai.RunResult;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** {@code rhai-cli run FILE [--repeat N]} and {@code rhai-cli eval-batch}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("eval-batch")) {
            System.exit(evalBatch());
        }
        if (args.length >= 2 && args[0].equals("run")) {
            int repeat = 1;
            for (int i = 2; i + 1 < args.length; i++) {
                if (args[i].equals("--repeat")) {
                    repeat = Integer.parseInt(args[i + 1]);
                }
            }
            System.exit(run(Path.of(args[1]), repeat));
        }
        System.err.println("usage: rhai-cli run FILE [--repeat N] | rhai-cli eval-batch < cases.jsonl");
        System.exit(2);
    }

    static int run(Path file, int repeat) throws Exception {
        String src = Files.readString(file, StandardCharsets.UTF_8);
        if (src.startsWith("#!")) {
            int nl = src.indexOf('\n');
            src = nl < 0 ? "" : "//" + src.substring(nl);
        }
        Path dir = file.toAbsolutePath().getParent();
        RhaiEngine engine = RhaiEngine.builder().evalEnabled(true).moduleResolver(new FileModules(dir)).build();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try {
            CompiledScript cs = engine.compile(file.getFileName().toString(), src);
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                RunResult r = engine.run(cs, RunOptions.of(Map.of(), Limits.RHAI_DEFAULTS));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (i == repeat - 1) {
                    r.output().forEach(out::println);
                    if (r.value() != null) {
                        out.println(ValueJson.toJson(r.value()));
                    }
                }
                if (repeat > 1) {
                    System.err.println("run-ms: " + ms);
                }
            }
            out.flush();
            return 0;
        } catch (RhaiParseException e) {
            for (RhaiParseException.Error err : e.errors()) {
                System.err.println("[" + file + ":" + err.line() + ":" + err.column() + "] " + err.parseErrorType()
                        + ": " + err.message());
            }
            return 1;
        } catch (RhaiException e) {
            out.flush();
            System.err.println("[" + file + ":" + e.line() + ":" + e.column() + "] " + e.kind() + ": " + e.getMessage());
            return 1;
        }
    }

    static int evalBatch() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        BatchRunner runner = new BatchRunner(Duration.ofSeconds(10));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (Exception e) {
                out.println(mapper.writeValueAsString(BatchRunner.error("line-" + n, "ErrorSystem",
                        "invalid JSON input: " + e.getMessage(), 0, 0, null)));
                continue;
            }
            out.println(mapper.writeValueAsString(runner.runCase(node)));
        }
        return 0;
    }
}
