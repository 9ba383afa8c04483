/** Registry client and the sync loop: full snapshots, debounced per-account pushes, backoff, status. */
package io.cphub.agent.push;
