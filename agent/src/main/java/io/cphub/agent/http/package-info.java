/** HTTP for the agent's idempotent calls (WHM reads, registry PUT/DELETE) that survives servers closing connections. */
package io.cphub.agent.http;
