/**
 * Partnerships and their sources: loads and validates crawler-config, and changes sources through the admin API.
 */
package org.sdgsearch.source;
