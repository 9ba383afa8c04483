/** The v1 HTTP API on Netty: server, pipeline with size limits, handler, routing, authentication. */
package io.cphub.registry.api;
