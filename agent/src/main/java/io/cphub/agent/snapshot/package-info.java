/** Turns WHM rows into the registry's account entries with the shared normalisation. */
package io.cphub.agent.snapshot;
