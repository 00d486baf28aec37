package io.picloud.shell.impl;

import java.io.IOException;
import java.util.Map;

import io.picloud.api.Run;
import io.picloud.api.control.Principal;
import io.picloud.api.control.RunService;
import io.picloud.rhai.json.RhaiJson;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Queues a dead letter again as a new run, with its own payload or an edited one. */
@Service
@Command(scope = "picloud", name = "replay", description = "Queues a dead letter again as a new run")
public class ReplayCommand extends ControlCommand {
    @Argument(index = 0, name = "id", description = "The dead letter's id", required = true)
    long id;

    @Option(name = "--payload", aliases = "-p", description = "A JSON object to run with instead of its own payload")
    String payload;

    @Reference
    RunService runs;

    @Override
    void run(Principal p) {
        Run run = runs.replay(p, id, payload == null ? null : object(payload));
        System.out.println("Dead letter " + id + " queued again as run " + run.id() + " (" + run.status() + ")");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        Object value;
        try {
            value = RhaiJson.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("--payload is not JSON: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("--payload must be a JSON object, such as {\"n\": 1}");
        }
        return (Map<String, Object>) map;
    }
}
