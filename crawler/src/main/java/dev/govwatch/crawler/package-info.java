/**
 * The crawler: watches the report columns of the portals in the portal file and publishes every
 * new or changed page to {@link dev.govwatch.schemas.Topics#PAGES}, its bookkeeping to
 * {@link dev.govwatch.schemas.Topics#CRAWL_STATE}. Not written yet: see issue 5.
 */
package dev.govwatch.crawler;
