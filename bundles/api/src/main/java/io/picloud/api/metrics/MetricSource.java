package io.picloud.api.metrics;

/**
 * Something that reports metrics, registered as an OSGi service. {@link #collect} is called at each scrape, from
 * the scraping thread; it must be quick (read counters; a source that needs the database caches its answer for a
 * few seconds) and must not throw.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface MetricSource {
    void collect(MetricWriter out);
}
