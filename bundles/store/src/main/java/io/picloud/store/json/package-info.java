/** Trigger binding configurations as JSON: the mapping the store and the REST API share. */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.picloud.store.json;
