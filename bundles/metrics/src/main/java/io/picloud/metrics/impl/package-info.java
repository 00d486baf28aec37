/** GET /metrics: the endpoint, its access rule and the translation of {@code MetricSource} values to Prometheus. */
package io.picloud.metrics.impl;
