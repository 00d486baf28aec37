package io.picloud.itests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI document as a contract for real answers: the operation an answer belongs to (method and path
 * template), whether its status is documented for it (a 5xx may fall to {@code default}), whether its content type
 * and JSON body match the documented schema (JSON Schema 2020-12, formats asserted), and which documented
 * operations and status families (2XX, 4XX, 5XX) no answer has shown yet. Problems are collected, not thrown, so
 * one run lists them all. Not thread-safe: one scenario drives it.
 */
final class OpenApiContract {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IRI = "https://picloud.invalid/api/v1/openapi.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final JsonNode doc;
    private final String prefix;
    private final SchemaRegistry registry;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Set<String>> exercised = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    /** One documented operation: its method (upper case), path template below the server URL, and its node. */
    record Operation(String method, String template, JsonNode node) {
        String key() {
            return method + " " + template;
        }

        String pointer() {
            return "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
        }

        /** How well the path fits: -1 when it does not, else the number of literal segments (more wins). */
        int fit(String[] segments) {
            String[] pattern = template.substring(1).split("/");
            if (pattern.length != segments.length) {
                return -1;
            }
            int literal = 0;
            for (int i = 0; i < pattern.length; i++) {
                if (!pattern[i].startsWith("{")) {
                    if (!pattern[i].equals(segments[i])) {
                        return -1;
                    }
                    literal++;
                }
            }
            return literal;
        }
    }

    OpenApiContract(String documentText) {
        this.doc = JSON.readTree(documentText);
        this.prefix = doc.path("servers").path(0).path("url").asString("");
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(IRI, documentText)).schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
            for (String m : METHODS) {
                if (p.getValue().has(m)) {
                    operations.add(new Operation(m.toUpperCase(Locale.ROOT), p.getKey(), p.getValue().get(m)));
                }
            }
        }
    }

    List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** The documented operation for this method and path (with or without the server prefix); null when none. */
    Operation operation(String method, String path) {
        String p = path.split("\\?", 2)[0];
        if (p.startsWith(prefix)) {
            p = p.substring(prefix.length());
        }
        String[] segments = p.substring(1).split("/");
        Operation best = null;
        int bestFit = -1;
        for (Operation o : operations) {
            int fit = o.method().equals(method) ? o.fit(segments) : -1;
            if (fit > bestFit) {
                best = o;
                bestFit = fit;
            }
        }
        return best;
    }

    /**
     * Checks one answer against the document and records it as exercised: its status must be documented for the
     * operation ({@code default} only for a 5xx), a documented body must come with its content type and validate,
     * and an answer documented without content must have no body.
     */
    void check(String method, String path, int status, String contentType, String body) {
        if (!path.startsWith(prefix + "/")) {
            return; // not the API described (/fn, /r, ...)
        }
        String what = method + " " + path + " -> " + status;
        Operation op = operation(method, path);
        if (op == null) {
            problems.add(what + ": no documented operation");
            return;
        }
        JsonNode responses = op.node().path("responses");
        String code = Integer.toString(status);
        if (!responses.has(code)) {
            if (status < 500 || !responses.has("default")) {
                problems.add(what + ": status not documented (documented: " + names(responses) + ")");
                return;
            }
            code = "default";
        }
        exercised.computeIfAbsent(op.key(), k -> new TreeSet<>()).add(code);
        String pointer = op.pointer() + "/responses/" + code;
        JsonNode response = responses.get(code);
        if (response.has("$ref")) {
            pointer = response.get("$ref").asString().substring(1);
            response = doc.at(pointer);
        }
        checkContent(what, pointer, response.path("content"), contentType, body);
    }

    /** Validates a JSON text against the schema at {@code pointer} of the document; the problems found. */
    List<String> validate(String pointer, String json) {
        List<String> out = new ArrayList<>();
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            out.add("not JSON: " + abbreviate(json));
            return out;
        }
        Schema schema = registry.getSchema(SchemaLocation.of(IRI + "#" + pointer));
        for (com.networknt.schema.Error e : schema.validate(node)) {
            out.add(e.toString());
        }
        return out;
    }

    private void checkContent(String what, String pointer, JsonNode content, String contentType, String body) {
        if (content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add(what + ": documented without a body but answered " + abbreviate(body));
            }
            return;
        }
        String mime = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(mime)) {
            problems.add(what + ": content type '" + contentType + "', documented: " + names(content) + "; body: "
                    + abbreviate(body));
            return;
        }
        if (mime.equals("application/json")) {
            for (String p : validate(pointer + "/content/" + escape(mime) + "/schema", body)) {
                problems.add(what + ": " + p + " in " + abbreviate(body));
            }
        }
    }

    /** Every problem found so far. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * What no answer has shown: each documented operation never answered, and each status family of an
     * operation's documented codes (2XX, 4XX, 5XX; {@code default} excluded) without an answer in it.
     */
    List<String> unexercised() {
        List<String> out = new ArrayList<>();
        for (Operation o : operations) {
            Set<String> seen = exercised.get(o.key());
            if (seen == null) {
                out.add(o.key() + ": never answered");
                continue;
            }
            Set<Character> families = new TreeSet<>();
            for (String c : seen) {
                families.add(c.charAt(0));
            }
            Map<Character, List<String>> documented = new TreeMap<>();
            for (String c : names(o.node().path("responses"))) {
                if (!c.equals("default")) {
                    documented.computeIfAbsent(c.charAt(0), k -> new ArrayList<>()).add(c);
                }
            }
            documented.forEach((family, codes) -> {
                if (!families.contains(family)) {
                    out.add(o.key() + ": no " + family + "XX answer (documented: " + codes + ")");
                }
            });
        }
        return out;
    }

    /** Each operation's documented codes that no answer showed (a finer view than {@link #unexercised()}). */
    List<String> unexercisedCodes() {
        List<String> out = new ArrayList<>();
        for (Operation o : operations) {
            Set<String> missing = new TreeSet<>(names(o.node().path("responses")));
            missing.remove("default");
            missing.removeAll(exercised.getOrDefault(o.key(), Set.of()));
            if (!missing.isEmpty()) {
                out.add(o.key() + " " + missing);
            }
        }
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = object.propertyNames().iterator(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
