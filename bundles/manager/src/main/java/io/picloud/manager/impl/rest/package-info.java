/** The REST API {@code /api/v1}: one route table over the control-plane services, one error mapper. */
package io.picloud.manager.impl.rest;
