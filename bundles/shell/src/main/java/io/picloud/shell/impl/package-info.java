/** The picloud:* Karaf shell commands; thin over the io.picloud.api services. */
package io.picloud.shell.impl;
