/** The http host API (placeholder until its classes land). */
package io.picloud.host.http.impl;
