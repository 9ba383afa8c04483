/** A small blocking HTTP/1.1 server whose connection behaviour (keep-alive, HTTP/1.0, close, faults) is set per answer. */
package io.cphub.simulator.http;
