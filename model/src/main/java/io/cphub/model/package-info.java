/** The shared vocabulary of cphub: domain and login normalisation, and the JSON wire records. */
package io.cphub.model;
