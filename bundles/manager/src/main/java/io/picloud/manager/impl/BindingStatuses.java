package io.picloud.manager.impl;

import io.picloud.api.BindingStatusStore;
import io.picloud.api.NodeBindingStatus;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.StoredBinding;
import io.picloud.api.TriggerStatus;
import io.picloud.api.TriggerStatusService;
import io.picloud.trigger.api.TriggerType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A binding's status as the REST API reports it: this container's live view when it runs a trigger runtime, with
 * what the other nodes of a cluster reported through the database ({@link BindingStatusStore}). One state for
 * all nodes; when they disagree, the worst one, and the detail says which node is in which state.
 */
final class BindingStatuses {
    /** Reports older than this come from nodes that are gone (nodes report every 30 s by default). */
    static final Duration FRESH = Duration.ofSeconds(90);
    static final String UNKNOWN = "UNKNOWN";
    private static final List<String> WORST_FIRST = List.of(TriggerStatus.ERROR, TriggerStatus.TYPE_MISSING,
            TriggerStatus.STARTING, TriggerStatus.ACTIVE, TriggerStatus.DISABLED);

    /** What the API shows: the summary state and detail, and each node's view. */
    record Summary(String state, String detail, List<NodeBindingStatus> nodes) {
    }

    private final Supplier<TriggerStatusService> local;
    private final BindingStatusStore cluster;

    BindingStatuses(Supplier<TriggerStatusService> local, BindingStatusStore cluster) {
        this.local = local;
        this.cluster = cluster;
    }

    /** The statuses of this moment: the other nodes' reports are read once, for a whole listing. */
    View view() {
        Map<String, List<NodeBindingStatus>> reports;
        try {
            reports = cluster == null ? Map.of() : cluster.statuses(FRESH);
        } catch (StoreUnavailableException e) {
            reports = Map.of(); // the bindings themselves were just read; statuses are advisory
        }
        return new View(local.get(), reports);
    }

    static final class View {
        private final TriggerStatusService service;
        private final Map<String, List<NodeBindingStatus>> reports;

        private View(TriggerStatusService service, Map<String, List<NodeBindingStatus>> reports) {
            this.service = service;
            this.reports = reports;
        }

        Summary of(StoredBinding binding, TriggerType type) {
            return of(binding, type, false);
        }

        /**
         * {@code justSaved}: the binding was saved a moment ago (the answer of a create or change), so a binding no
         * node has reported yet is being opened: {@code STARTING}, not {@code UNKNOWN}.
         */
        Summary of(StoredBinding binding, TriggerType type, boolean justSaved) {
            List<NodeBindingStatus> nodes = nodes(binding);
            if (nodes.isEmpty()) {
                return fallback(binding, type, justSaved);
            }
            String worst = WORST_FIRST.stream().filter(s -> nodes.stream().anyMatch(n -> s.equals(n.state())))
                    .findFirst().orElse(nodes.get(0).state());
            if (nodes.stream().allMatch(n -> n.state().equals(worst))) {
                return new Summary(worst, nodes.get(0).reason(), nodes);
            }
            String detail = nodes.stream().map(n -> n.state() + " on " + n.node()
                    + (n.reason() == null ? "" : ": " + n.reason())).collect(Collectors.joining("; "));
            return new Summary(worst, detail, nodes);
        }

        /** This container's live view first, then every other node's report. */
        private List<NodeBindingStatus> nodes(StoredBinding binding) {
            List<NodeBindingStatus> nodes = new ArrayList<>();
            String here = service == null ? null : service.node();
            if (service != null) {
                service.status(binding.id()).filter(s -> s.state() != null).ifPresent(s -> nodes.add(
                        new NodeBindingStatus(binding.id(), here == null ? "this node" : here, s.state(), s.reason(),
                                s.since(), Instant.now())));
            }
            for (NodeBindingStatus report : reports.getOrDefault(binding.id(), List.of())) {
                if (!report.node().equals(here)) {
                    nodes.add(report);
                }
            }
            return nodes;
        }

        private Summary fallback(StoredBinding binding, TriggerType type, boolean justSaved) {
            if (!binding.enabled()) {
                return new Summary(TriggerStatus.DISABLED, null, List.of());
            }
            if (service == null && justSaved && type != null) {
                return new Summary(TriggerStatus.STARTING, "saved; waiting for the nodes to open it", List.of());
            }
            if (service == null) {
                return new Summary(UNKNOWN, "no node has reported this binding (this container runs no triggers)",
                        List.of());
            }
            if (type == null) {
                return new Summary(TriggerStatus.TYPE_MISSING, "trigger type '" + binding.type()
                        + "' is not installed", List.of());
            }
            return new Summary(TriggerStatus.STARTING, "not opened yet", List.of());
        }
    }
}
