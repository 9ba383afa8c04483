/**
 * The operator console: static files (HTML, CSS, ES modules) served from the jar by the registry's
 * own HTTP server, under {@code /console/}. Every datum and action goes through the v1 API with the
 * operator's bearer token.
 */
package io.cphub.registry.console;
