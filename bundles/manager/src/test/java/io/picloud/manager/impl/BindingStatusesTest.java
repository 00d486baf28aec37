package io.picloud.manager.impl;

import io.picloud.api.BindingStatusStore;
import io.picloud.api.NodeBindingStatus;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.StoredBinding;
import io.picloud.api.TriggerStatus;
import io.picloud.api.TriggerStatusService;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;
import org.junit.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class BindingStatusesTest {
    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");
    private static final StoredBinding BINDING = new StoredBinding("b1", "mqtt", "s", Map.of(), true, null);

    private final List<NodeBindingStatus> reports = new ArrayList<>();
    private boolean down;
    private final BindingStatusStore cluster = new BindingStatusStore() {
        @Override
        public void report(String node, List<TriggerStatus> statuses) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, List<NodeBindingStatus>> statuses(Duration freshness) {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            assertEquals(BindingStatuses.FRESH, freshness);
            return reports.isEmpty() ? Map.of() : Map.of("b1", List.copyOf(reports));
        }
    };

    private static TriggerStatusService local(String node, String state, String reason) {
        return new TriggerStatusService() {
            @Override
            public List<TriggerStatus> statuses() {
                return List.of();
            }

            @Override
            public Optional<TriggerStatus> status(String bindingId) {
                return Optional.of(new TriggerStatus(bindingId, "mqtt", "s", state, reason, T));
            }

            @Override
            public List<String> installedTypes() {
                return List.of("mqtt");
            }

            @Override
            public String node() {
                return node;
            }
        };
    }

    private void report(String node, String state, String reason) {
        reports.add(new NodeBindingStatus("b1", node, state, reason, T, T));
    }

    @Test
    public void aManagerWithoutTriggersShowsWhatTheNodesReport() {
        BindingStatuses statuses = new BindingStatuses(() -> null, cluster);
        BindingStatuses.Summary none = statuses.view().of(BINDING, null);
        assertEquals(BindingStatuses.UNKNOWN, none.state());
        assertTrue(none.detail(), none.detail().contains("no node has reported"));

        report("node-a", TriggerStatus.ACTIVE, null);
        report("node-b", TriggerStatus.ACTIVE, null);
        BindingStatuses.Summary both = statuses.view().of(BINDING, null);
        assertEquals(TriggerStatus.ACTIVE, both.state());
        assertEquals(null, both.detail());
        assertEquals(2, both.nodes().size());
    }

    @Test
    public void nodesThatDisagreeShowTheWorstStateAndWhoIsInWhich() {
        report("node-b", TriggerStatus.ERROR, "broker unreachable");
        report("node-a", TriggerStatus.ACTIVE, null); // this container's own row: its live view wins
        BindingStatuses statuses = new BindingStatuses(() -> local("node-a", TriggerStatus.ACTIVE, null), cluster);
        BindingStatuses.Summary summary = statuses.view().of(BINDING, null);
        assertEquals(TriggerStatus.ERROR, summary.state());
        assertEquals("ACTIVE on node-a; ERROR on node-b: broker unreachable", summary.detail());
        assertEquals(List.of("node-a", "node-b"), summary.nodes().stream().map(NodeBindingStatus::node).toList());
    }

    @Test
    public void aBindingNoNodeReportedYetIsStartingRightAfterItWasSavedOrWhenTheLocalRuntimeHasItNot() {
        BindingStatuses manager = new BindingStatuses(() -> null, cluster);
        BindingStatuses.Summary created = manager.view().of(BINDING, MQTT, true);
        assertEquals(TriggerStatus.STARTING, created.state());
        assertTrue(created.detail(), created.detail().contains("waiting for the nodes"));
        assertEquals("later reads without reports", BindingStatuses.UNKNOWN, manager.view().of(BINDING, MQTT).state());

        BindingStatuses single = new BindingStatuses(() -> local("here", null, null), cluster);
        assertEquals("this node's runtime has not opened it yet", TriggerStatus.STARTING,
                single.view().of(BINDING, MQTT).state());

        // a node still waiting for its broker's SUBACK is worse than one that is ACTIVE
        report("node-a", TriggerStatus.ACTIVE, null);
        report("node-b", TriggerStatus.STARTING, "waiting for the broker to acknowledge the subscription");
        BindingStatuses.Summary mixed = manager.view().of(BINDING, null);
        assertEquals(TriggerStatus.STARTING, mixed.state());
        assertTrue(mixed.detail(), mixed.detail().contains("STARTING on node-b: waiting for the broker"));
    }

    private static final TriggerType MQTT = new TriggerType() {
        @Override
        public TriggerDescriptor descriptor() {
            return new TriggerDescriptor("mqtt", "MQTT", "MQTT", "{}");
        }

        @Override
        public void validate(Map<String, Object> config) {
        }

        @Override
        public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    public void withoutReportsTheLocalViewAndTheOldFallbacksApply() {
        down = true; // statuses are advisory: a database outage leaves the local view
        BindingStatuses statuses = new BindingStatuses(() -> local("here", TriggerStatus.TYPE_MISSING, "gone"),
                cluster);
        assertEquals(TriggerStatus.TYPE_MISSING, statuses.view().of(BINDING, null).state());
        StoredBinding disabled = new StoredBinding("b2", "mqtt", "s", Map.of(), false, null);
        assertEquals(TriggerStatus.DISABLED, new BindingStatuses(() -> null, cluster).view().of(disabled, null).state());
    }
}
