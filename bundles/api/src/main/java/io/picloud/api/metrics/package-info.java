/**
 * Metrics without a metrics library: a bundle that has something to report registers a {@link
 * io.picloud.api.metrics.MetricSource} service, and the metrics endpoint (when installed) asks every source at each
 * scrape. Sources keep their own counters, so nothing depends on the endpoint being there.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.picloud.api.metrics;
