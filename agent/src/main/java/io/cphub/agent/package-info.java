/** The cphub agent: command line and wiring of WHM reads, the hook spool and pushes to the registry. */
package io.cphub.agent;
