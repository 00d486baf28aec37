package io.picloud.rhai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Assume;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Runs every vector of Rhai's own test suite ({@code corpus.jsonl}) through the eval-batch logic and compares
 * with the expectations. Fails below the pass-rate bar, or when a failing vector is not documented in
 * {@code docs/rhai-compatibility.md}.
 */
public class ConformanceTest {
    /** The pass-rate bar in percent of all vectors. */
    static final double BAR = 97.0;

    /**
     * The corpus: in {@code -Drhai.corpus.dir} when set, else in the first {@code shared/rhai} folder found in the
     * working directory or one of its parents (the reference material sits beside the clone: {@code ../shared}).
     */
    static Path locateCorpus() {
        String dir = System.getProperty("rhai.corpus.dir");
        if (dir != null && Files.exists(Path.of(dir, "corpus.jsonl"))) {
            return Path.of(dir, "corpus.jsonl");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path corpus = p.resolve("shared/rhai/corpus.jsonl");
            if (Files.exists(corpus)) {
                return corpus;
            }
        }
        return null;
    }

    @Test
    public void corpusConformance() throws Exception {
        Path corpus = corpus();
        BatchRunner runner = new BatchRunner(Duration.ofSeconds(30));
        List<String> failures = new ArrayList<>();
        Map<String, int[]> byFile = new TreeMap<>();
        int total = run(corpus, runner, failures, byFile);
        int passed = total - failures.size();
        double rate = 100.0 * passed / total;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Rhai conformance: %d/%d passed (%.1f%%)%n", passed, total, rate));
        byFile.forEach((k, v) -> {
            if (v[0] < v[1]) {
                sb.append(String.format("  %-28s %3d/%3d%n", k, v[0], v[1]));
            }
        });
        for (String f : failures) {
            sb.append("  FAIL ").append(f.replace('\n', ' ')).append('\n');
        }
        System.out.println(sb);
        Path doc = Path.of(System.getProperty("rhai.compat.doc", "../../docs/rhai-compatibility.md"));
        Set<String> documented = documentedIds(doc);
        List<String> undocumented = new ArrayList<>();
        for (String f : failures) {
            String id = f.substring(0, f.indexOf(" -- "));
            if (!documented.contains(id)) {
                undocumented.add(id);
            }
        }
        assertTrue(String.format("pass rate %.1f%% is below the bar of %.1f%%", rate, BAR), rate >= BAR);
        if (!undocumented.isEmpty()) {
            fail("failing vectors not listed in " + doc + ": " + undocumented);
        }
    }

    /**
     * The corpus again, each vector with script functions interpreted and with every one compiled to bytecode
     * at its first call (the default waits for 100 calls, which few vectors reach): the answers (values, error
     * kinds, messages and positions) must be the same.
     */
    @Test
    public void compiledFunctionsAnswerEveryVectorAsInterpretedOnes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        BatchRunner interpreted = new BatchRunner(Duration.ofSeconds(30), 0);
        BatchRunner compiled = new BatchRunner(Duration.ofSeconds(30), 1);
        List<String> differences = new ArrayList<>();
        for (String line : Files.readAllLines(corpus(), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode in = mapper.readTree(line);
            JsonNode a = interpreted.runCase(in);
            JsonNode b = compiled.runCase(in);
            if (!a.equals(b)) {
                differences.add(in.get("id").asText() + ": " + a + " against " + b);
            }
        }
        assertEquals(List.of(), differences);
    }

    private static Path corpus() {
        Path corpus = locateCorpus();
        if (corpus == null) {
            System.err.println("WARNING: Rhai conformance NOT RUN: corpus.jsonl not found beside the repository"
                    + " (../shared/rhai) nor in any parent's shared/rhai; set -Drhai.corpus.dir");
        }
        Assume.assumeTrue("corpus.jsonl not found", corpus != null);
        return corpus;
    }

    /** Runs every vector; adds each failure ("id -- why") and counts passes per file. Returns the total. */
    private static int run(Path corpus, BatchRunner runner, List<String> failures, Map<String, int[]> byFile)
            throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        int total = 0;
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            total++;
            JsonNode in = mapper.readTree(line);
            JsonNode out = runner.runCase(in);
            String why = Expectations.mismatch(in, out);
            String id = in.get("id").asText();
            int[] c = byFile.computeIfAbsent(id.substring(0, id.indexOf(':')), k -> new int[2]);
            c[1]++;
            if (why == null) {
                c[0]++;
            } else {
                failures.add(id + " -- " + why);
            }
        }
        return total;
    }

    static Set<String> documentedIds(Path doc) throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        if (!Files.exists(doc)) {
            return ids;
        }
        Pattern p = Pattern.compile("^\\|?\\s*`?([a-z_]+\\.rs:\\d+)`?");
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            Matcher m = p.matcher(line.trim().replaceFirst("^[-*]\\s*", ""));
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** Compares one answer with a vector's expectation; returns null when it passes, else the reason. */
    static final class Expectations {
        private Expectations() {
        }

        static String mismatch(JsonNode in, JsonNode out) {
            JsonNode err = out.get("error");
            if (in.has("error")) {
                if (err == null) {
                    return "expected error " + in.get("error").asText() + " but got " + out.get("value");
                }
                String kind = in.get("error").asText();
                if (!kind.equals("*") && !kind.equals(err.path("kind").asText())) {
                    return "expected " + kind + " but got " + err.path("kind").asText() + ": " + err.path("message").asText();
                }
                if (in.has("parse_error") && !in.get("parse_error").asText().equals(err.path("parse_error").asText())) {
                    return "expected parse error " + in.get("parse_error").asText() + " but got "
                            + err.path("parse_error").asText() + ": " + err.path("message").asText();
                }
                return null;
            }
            if (err != null) {
                return "unexpected " + err.path("kind").asText() + ": " + err.path("message").asText()
                        + (err.has("parse_error") ? " (" + err.get("parse_error").asText() + ")" : "");
            }
            if (!in.has("expect")) {
                return null;
            }
            JsonNode expect = in.get("expect");
            JsonNode actual = out.get("value");
            double tol = in.has("tolerance") ? in.get("tolerance").asDouble() : -1;
            return same(expect, actual, tol) ? null : "expected " + expect + " but got " + actual;
        }

        static boolean same(JsonNode e, JsonNode a, double tol) {
            if (e.isObject() && e.has("unit") && e.size() == 1) {
                return a == null || a.isNull();
            }
            if (e.isNumber() && a != null && a.isNumber()) {
                if (tol >= 0) {
                    return Math.abs(e.asDouble() - a.asDouble()) < tol;
                }
                if (e.isIntegralNumber() && a.isIntegralNumber()) {
                    return e.asLong() == a.asLong();
                }
                return e.asDouble() == a.asDouble() || Math.abs(e.asDouble() - a.asDouble())
                        <= 1e-12 * Math.max(1, Math.abs(e.asDouble()));
            }
            if (e.isArray() && a != null && a.isArray()) {
                if (e.size() != a.size()) {
                    return false;
                }
                for (int i = 0; i < e.size(); i++) {
                    if (!same(e.get(i), a.get(i), tol)) {
                        return false;
                    }
                }
                return true;
            }
            if (e.isObject() && a != null && a.isObject()) {
                if (e.size() != a.size()) {
                    return false;
                }
                Iterator<String> it = e.fieldNames();
                while (it.hasNext()) {
                    String k = it.next();
                    if (!a.has(k) || !same(e.get(k), a.get(k), tol)) {
                        return false;
                    }
                }
                return true;
            }
            return e.equals(a);
        }
    }
}
