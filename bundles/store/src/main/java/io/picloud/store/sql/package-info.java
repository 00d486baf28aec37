/** JDBC helpers for PiCloud bundles that use its PostgreSQL database: availability errors, hashing. */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.picloud.store.sql;
