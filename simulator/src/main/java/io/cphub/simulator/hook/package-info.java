/** Hook events shaped like cPanel's standardized-hook payloads, written into an agent spool. */
package io.cphub.simulator.hook;
