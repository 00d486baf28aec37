package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.manager.impl.ControlPlane;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The OpenAPI document against the code: every route of the {@link RouteTable} is documented and every documented
 * operation is routed (method and path template, open routes with {@code security: []}), the document is
 * self-consistent, and {@code GET /openapi.json} serves it.
 */
public class OpenApiDocumentTest {
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** The names the dashboard uses (the shared spec); more may exist. */
    private static final List<String> SCHEMA_NAMES = List.of("Error", "Login", "Session", "User", "Users", "NewUser",
            "UserChange", "MeChange", "Key", "Keys", "NewKey", "CreatedKey", "ScriptItem", "Scripts", "ScriptBody",
            "Deployed", "ScriptVersions", "VersionItem", "ScriptChange", "Rollback", "Invocation", "Invocations",
            "Secrets", "SecretItem", "ScriptSettings", "ScriptConfig", "KvEntry", "KvEntries", "Binding", "Bindings",
            "BindingRequest", "NodeStatus", "TriggerType", "TriggerTypes", "AuditEntry", "Audit", "PlatformVersion",
            "Health", "TestRequest", "TestResult", "ScriptStats", "ScriptStatsList", "HourBucket", "Timeseries",
            "TimeBucket", "NextFires", "NextFiresRequest", "ClusterNode", "Nodes");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static ControlPlane cp;
    private static RestEndpoint endpoint;
    private static JsonNode doc;

    @BeforeClass
    public static void start() throws Exception {
        cp = new ControlPlane();
        endpoint = cp.endpoint(Map.of());
        doc = OpenApiRoutes.load();
    }

    @AfterClass
    public static void stop() throws Exception {
        cp.close();
    }

    @Test
    public void everyRouteIsDocumentedAndEveryOperationIsRouted() {
        Map<String, Boolean> routed = new TreeMap<>();
        for (RouteTable.Route r : endpoint.routes().routes()) {
            routed.put(r.method() + " " + r.path(), r.open());
        }
        Map<String, Boolean> documented = documentedOperations();
        Set<String> undocumented = new TreeSet<>(routed.keySet());
        undocumented.removeAll(documented.keySet());
        Set<String> unrouted = new TreeSet<>(documented.keySet());
        unrouted.removeAll(routed.keySet());
        if (!undocumented.isEmpty() || !unrouted.isEmpty()) {
            fail("the route table and openapi.json differ (method + path template):\n  routed but not documented: "
                    + undocumented + "\n  documented but not routed: " + unrouted);
        }
        Set<String> wrongSecurity = new TreeSet<>();
        routed.forEach((op, open) -> {
            if (!open.equals(documented.get(op))) {
                wrongSecurity.add(op + (open ? " is open but documented with security" : " needs credentials but "
                        + "is documented with security: []"));
            }
        });
        assertTrue(wrongSecurity.toString(), wrongSecurity.isEmpty());
    }

    @Test
    public void theDocumentIsConsistent() {
        assertEquals("3.1.0", doc.path("openapi").asText());
        List<String> problems = new ArrayList<>();
        refs(doc, problems);
        JsonNode schemas = doc.path("components").path("schemas");
        for (String name : SCHEMA_NAMES) {
            if (!schemas.has(name)) {
                problems.add("no components.schemas." + name);
            }
        }
        Set<String> ids = new TreeSet<>();
        forEachOperation((path, method, op) -> {
            String where = method.toUpperCase() + " " + path;
            if (!ids.add(op.path("operationId").asText())) {
                problems.add(where + ": operationId missing or used twice");
            }
            if (!op.path("responses").has("401") && !isOpen(op)) {
                problems.add(where + ": needs credentials but lists no 401");
            }
            if (op.has("requestBody") && !op.path("responses").has("400")) {
                problems.add(where + ": reads a body but lists no 400");
            }
            Set<String> inPath = new TreeSet<>();
            Matcher m = PARAM.matcher(path);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                if (p.path("in").asText().equals("path")) {
                    declared.add(p.path("name").asText());
                }
            }
            if (!inPath.equals(declared)) {
                problems.add(where + ": path parameters " + declared + " but the template has " + inPath);
            }
        });
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }

    @Test
    public void theDocumentIsServedOpenlyAndRevalidated() {
        Reply r = new TestApi(cp).get("/openapi.json").send();
        assertEquals(200, r.status());
        assertEquals("no-cache", r.header("Cache-Control"));
        assertTrue(r.header("Content-Type"), r.header("Content-Type").startsWith("application/json"));
        assertEquals(doc, r.json());
        assertEquals("an API answer other than the document is still not stored", "no-store",
                new TestApi(cp).get("/version").send().header("Cache-Control"));
    }

    /** "METHOD /path" of every documented operation, mapped to whether it is open ({@code security: []}). */
    static Map<String, Boolean> documentedOperations() {
        Map<String, Boolean> out = new TreeMap<>();
        forEachOperation((path, method, op) -> out.put(method.toUpperCase() + " " + path, isOpen(op)));
        return out;
    }

    interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    static void forEachOperation(OperationVisitor v) {
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    v.visit(p.getKey(), op.getKey(), op.getValue());
                }
            }
        }
    }

    private static boolean isOpen(JsonNode op) {
        return op.has("security") && op.get("security").isArray() && op.get("security").isEmpty();
    }

    /** Every {@code $ref} points into this document at something that exists. */
    private static void refs(JsonNode node, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || doc.at(ref.asText().substring(1)).isMissingNode())) {
                problems.add("unresolved $ref " + ref.asText());
            }
        }
        for (JsonNode child : node) {
            refs(child, problems);
        }
    }
}
