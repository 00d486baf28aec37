package io.picloud.shell.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.rhai.json.RhaiJson;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the active version of a script through the dispatcher (trigger {@code shell}) with a request map like the
 * HTTP trigger's, and prints what the script printed, then its value (strings as they are, the rest as JSON).
 */
@Service
@Command(scope = "picloud", name = "invoke", description = "Runs a script with a request, as /fn/NAME would, and prints its value")
public class InvokeCommand implements Action {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Option(name = "--method", aliases = "-m", description = "request.method (default GET)")
    String method = "GET";

    @Option(name = "--body", aliases = "-b", description = "request.body; parsed into request.json when it is JSON")
    String body = "";

    /** Karaf stops reading options at the first argument: accept {@code NAME --method M --body B} too. */
    @Argument(index = 1, name = "options", description = "--method M and --body B may also follow the name",
            required = false, multiValued = true)
    List<String> trailing;

    @Reference
    Dispatcher dispatcher;

    @Override
    public Object execute() {
        Text.requireValidName(name);
        applyTrailingOptions();
        Event event = new Event("shell", "shell", name, request(name, method, body), Instant.now());
        Dispatcher.Dispatch dispatch = dispatcher.dispatch(event)
                .orElseThrow(() -> new IllegalArgumentException("No script named '" + name + "'"));
        ExecutionOutcome outcome = dispatch.outcome();
        for (String line : outcome.output()) {
            System.out.println("[print] " + line);
        }
        if (!outcome.succeeded()) {
            throw new IllegalStateException("Script '" + name + "' v" + dispatch.version().version() + " failed: "
                    + Problems.format(outcome.problem()));
        }
        Object value = outcome.value();
        System.out.println(value instanceof String s ? s : value == null ? "()" : RhaiJson.toJson(value));
        return null;
    }

    void applyTrailingOptions() {
        if (trailing == null) {
            return;
        }
        for (int i = 0; i < trailing.size(); i++) {
            String option = trailing.get(i);
            if (i + 1 >= trailing.size()) {
                throw new IllegalArgumentException("Option " + option + " needs a value");
            }
            String value = trailing.get(++i);
            switch (option) {
                case "--method", "-m" -> method = value;
                case "--body", "-b" -> body = value;
                default -> throw new IllegalArgumentException("Unknown option " + option + " (use --method or --body)");
            }
        }
    }

    static Map<String, Object> request(String name, String method, String body) {
        Map<String, Object> request = new HashMap<>();
        request.put("method", method.toUpperCase(Locale.ROOT));
        request.put("path", "/fn/" + name);
        request.put("query", new HashMap<>());
        request.put("headers", new HashMap<>());
        request.put("body", body == null ? "" : body);
        request.put("json", RhaiJson.parseOrNull(body));
        Map<String, Object> params = new HashMap<>();
        params.put("name", name);
        request.put("params", params);
        return request;
    }
}
