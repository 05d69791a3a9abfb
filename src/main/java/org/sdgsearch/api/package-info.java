/**
 * Quarkus REST resources only: thin classes that call the capability packages and return their records.
 */
package org.sdgsearch.api;
