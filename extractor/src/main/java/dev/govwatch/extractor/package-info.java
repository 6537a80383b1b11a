/**
 * The extractor: a Kafka Streams application from {@link dev.govwatch.schemas.Topics#PAGES} to
 * {@link dev.govwatch.schemas.Topics#REPORTS}, sending what it cannot read to
 * {@link dev.govwatch.schemas.Topics#DEAD_LETTERS}. Not written yet: see issue 3.
 */
package dev.govwatch.extractor;
