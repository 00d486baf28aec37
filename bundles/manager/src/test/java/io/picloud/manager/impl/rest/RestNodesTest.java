package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.Test;

/** {@code /nodes}: every container's heartbeat, up or down. */
public class RestNodesTest extends RestTeam {
    @Test
    public void theContainersWithTheirStatus() throws Exception {
        Instant started = Instant.parse("2026-06-01T12:00:00Z");
        cp.nodeStore.heartbeat("100@manager-host", List.of("manager"), "0.6.0", started);
        cp.nodeStore.heartbeat("200@node-host", List.of("node"), "0.6.0", started);
        // three heartbeats (90 s) missed
        cp.pg.execute("UPDATE cluster_nodes SET seen_at = now() - interval '91 seconds' WHERE node = '200@node-host'");
        Reply r = api.get("/nodes").key(viewer).send();
        assertEquals(r.toString(), 200, r.status());
        JsonNode nodes = r.json().get("nodes");
        assertEquals(2, nodes.size());
        JsonNode manager = nodes.get(0);
        assertEquals("100@manager-host", manager.get("node").asText());
        assertEquals("manager", manager.get("roles").get(0).asText());
        assertEquals("0.6.0", manager.get("product").asText());
        assertEquals(started.toString(), manager.get("startedAt").asText());
        Instant.parse(manager.get("seenAt").asText());
        assertEquals("up", manager.get("status").asText());
        assertEquals("down", nodes.get(1).get("status").asText());
        assertEquals(401, api.get("/nodes").send().status());
    }
}
