/** Network stand-ins for the agent's tests: a load balancer that ends idle connections. */
package io.cphub.agent.net;
