/**
 * The validator: a Kafka Streams application from {@link dev.govwatch.schemas.Topics#REPORTS} (and
 * the portals as a table) to {@link dev.govwatch.schemas.Topics#ALERTS}. Not written yet: see issue 4.
 */
package dev.govwatch.validator;
