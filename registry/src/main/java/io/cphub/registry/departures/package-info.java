/** Each server's departures: the routes that left it, from the change log, for its agent to end their sessions. */
package io.cphub.registry.departures;
