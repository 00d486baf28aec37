/**
 * PiCloud's service seams: the stores the manager implements over PostgreSQL, the executor that runs scripts,
 * and the dispatcher the orchestrator offers to triggers. Interfaces and value types only.
 */
@org.osgi.annotation.versioning.Version("0.7.0")
package io.picloud.api;
