/** The simulated cPanel accounts and domains, the JSON state file, and state generation. */
package io.cphub.simulator.state;
