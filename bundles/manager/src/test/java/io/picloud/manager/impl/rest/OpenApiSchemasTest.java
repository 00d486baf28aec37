package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;

/**
 * The document's body schemas against the records Jackson reads and writes: the same property names, a JSON type
 * that fits each component's Java type (a primitive is never nullable), and for answers every property required
 * unless the component is left out when null ({@code NON_NULL}): {@link Json#MAPPER} writes nulls.
 */
public class OpenApiSchemasTest {
    private static final String B = "io.picloud.manager.impl.rest.Bodies$";
    /** Request bodies: schema name -> record. */
    private static final Map<String, String> REQUESTS = new LinkedHashMap<>();
    /** Answers: schema name -> record. */
    private static final Map<String, String> ANSWERS = new LinkedHashMap<>();

    static {
        for (String same : List.of("Login", "MeChange", "NewUser", "UserChange", "AdminChange", "NewKey",
                "ScriptChange", "Rollback", "BindingRequest", "NextFiresRequest", "TestRequest")) {
            REQUESTS.put(same, B + same);
        }
        REQUESTS.put("SettingsChange", B + "SettingsRequest");
        REQUESTS.put("ScriptSource", B + "Source");
        for (String same : List.of("Users", "Session", "CreatedKey", "Keys", "ScriptItem", "Scripts", "ScriptBody",
                "Deployed", "VersionItem", "Invocations", "SecretItem", "Secrets", "Bindings", "TriggerTypes",
                "Audit", "TestResult", "TestError", "HourBucket", "ScriptStats", "ScriptStatsList", "TimeBucket",
                "Timeseries", "NextFires", "ClusterNode", "Nodes")) {
            ANSWERS.put(same, B + same);
        }
        ANSWERS.put("User", B + "UserBody");
        ANSWERS.put("Key", B + "KeyBody");
        ANSWERS.put("ScriptVersions", B + "Versions");
        ANSWERS.put("VersionSource", B + "VersionBody");
        ANSWERS.put("Invocation", B + "InvocationItem");
        ANSWERS.put("ScriptSettings", B + "SettingsBody");
        ANSWERS.put("NodeStatus", B + "NodeItem");
        ANSWERS.put("Binding", B + "BindingBody");
        ANSWERS.put("TriggerType", B + "TriggerTypeBody");
        ANSWERS.put("AuditEntry", B + "AuditItem");
        ANSWERS.put("PlatformVersion", B + "Version");
        REQUESTS.put("RetryPolicyChange", B + "RetryBody");
        REQUESTS.put("RateLimitChange", B + "RateLimitBody");
        ANSWERS.put("RetryPolicy", B + "RetryBody");
        ANSWERS.put("RateLimit", B + "RateLimitBody");
        String runs = "io.picloud.manager.impl.rest.RunBodies$";
        REQUESTS.put("ReplayRequest", runs + "ReplayRequest");
        ANSWERS.put("RunAccepted", runs + "RunAccepted");
        ANSWERS.put("RunError", runs + "RunErrorBody");
        ANSWERS.put("RunAttempt", runs + "RunAttemptBody");
        ANSWERS.put("RunItem", runs + "RunItem");
        ANSWERS.put("Run", runs + "RunBody");
        ANSWERS.put("Runs", runs + "Runs");
        ANSWERS.put("KvEntry", "io.picloud.manager.impl.rest.KvRoutes$Item");
        ANSWERS.put("KvEntries", "io.picloud.manager.impl.rest.KvRoutes$Listing");
    }

    private final JsonNode schemas = OpenApiRoutes.load().path("components").path("schemas");

    @Test
    public void everyBodySchemaIsItsRecord() {
        List<String> problems = new ArrayList<>();
        REQUESTS.forEach((schema, type) -> compare(schema, type, false, problems));
        ANSWERS.forEach((schema, type) -> compare(schema, type, true, problems));
        assertTrue("openapi.json and the REST records differ:\n  " + String.join("\n  ", problems),
                problems.isEmpty());
    }

    private void compare(String name, String className, boolean answer, List<String> problems) {
        JsonNode schema = schemas.path(name);
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            problems.add(name + ": documented, but there is no record " + className);
            return;
        }
        Set<String> documented = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> components = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.add(c.getName());
            if (!omittedWhenNull(c)) {
                required.add(c.getName());
            }
            JsonNode property = schema.path("properties").path(c.getName());
            if (!property.isMissingNode() && !fits(c.getType(), property)) {
                problems.add(name + "." + c.getName() + ": " + property.path("type") + " for " + c.getType()
                        .getSimpleName());
            }
        }
        if (!documented.equals(components)) {
            problems.add(name + ": properties " + documented + ", " + type.getSimpleName() + " has " + components);
        }
        Set<String> documentedRequired = new TreeSet<>();
        schema.path("required").forEach(r -> documentedRequired.add(r.asText()));
        if (answer && !documentedRequired.equals(required)) {
            problems.add(name + ": required " + documentedRequired + ", always written: " + required);
        }
    }

    private static boolean omittedWhenNull(RecordComponent c) {
        JsonInclude include = c.getAccessor().getAnnotation(JsonInclude.class);
        if (include == null) {
            include = c.getAnnotation(JsonInclude.class);
        }
        return include != null && include.value() == JsonInclude.Include.NON_NULL;
    }

    /** Whether the property's JSON type(s) can hold the Java type's values. */
    private static boolean fits(Class<?> java, JsonNode property) {
        if (property.has("$ref") || property.has("oneOf") || !property.has("type")) {
            return !java.isPrimitive() || property.has("$ref");
        }
        Set<String> types = new TreeSet<>();
        if (property.get("type").isArray()) {
            property.get("type").forEach(t -> types.add(t.asText()));
        } else {
            types.add(property.get("type").asText());
        }
        if (java.isPrimitive() && types.contains("null")) {
            return false;
        }
        String expected = java == int.class || java == long.class || java == Integer.class || java == Long.class
                ? "integer" : java == boolean.class || java == Boolean.class ? "boolean"
                : java == String.class ? "string" : List.class.isAssignableFrom(java) ? "array"
                : Map.class.isAssignableFrom(java) ? "object" : null;
        return expected == null || types.contains(expected);
    }
}
