/** The WHM API 1 answers (get_domain_info, listaccts, accountsummary), envelopes, errors, faults. */
package io.cphub.simulator.whm;
