/** What servers claim: snapshot validation, the diff against stored claims, the mass-removal guard. */
package io.cphub.registry.claims;
