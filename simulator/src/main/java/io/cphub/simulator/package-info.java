/** A WHM API 1 server for tests, the demo and benchmarks: CLI, wiring, the simulated servers. */
package io.cphub.simulator;
