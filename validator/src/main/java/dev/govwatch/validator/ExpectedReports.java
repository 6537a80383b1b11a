package dev.govwatch.validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import dev.govwatch.schemas.AgencyWatch;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.PortalStatus;

/**
 * The agencies of one task that are expected to report, what they have reported, and their
 * MISSING/BLOCKED alerts: updated when a report or a portal's listing arrives, and re-checked on
 * the wall clock.
 */
final class ExpectedReports {

    private final KeyValueStore<String, AgencyWatch> agencies;
    private final KeyValueStore<String, ValueAndTimestamp<PortalStatus>> portalStatus;
    private final MissingReports missingReports;
    private final AlertLedger ledger;
    private final java.util.function.Predicate<String> ownsPortal;
    /** The sweep each portal was last judged on, in this task (after a restart every portal is judged once more). */
    private final java.util.Map<String, Instant> judgedSweeps = new java.util.HashMap<>();

    ExpectedReports(KeyValueStore<String, AgencyWatch> agencies,
                    KeyValueStore<String, ValueAndTimestamp<PortalStatus>> portalStatus,
                    MissingReports missingReports, AlertLedger ledger) {
        this(agencies, portalStatus, missingReports, ledger, portalId -> false);
    }

    /** @param ownsPortal whether this task keeps the portal's own alerts (DRIFTED) */
    ExpectedReports(KeyValueStore<String, AgencyWatch> agencies,
                    KeyValueStore<String, ValueAndTimestamp<PortalStatus>> portalStatus,
                    MissingReports missingReports, AlertLedger ledger, java.util.function.Predicate<String> ownsPortal) {
        this.ownsPortal = ownsPortal;
        this.agencies = agencies;
        this.portalStatus = portalStatus;
        this.missingReports = missingReports;
        this.ledger = ledger;
    }

    /** A report arrived: its year counts as reported, and a MISSING alert for it resolves. */
    void reported(String name, AnnualReport report, Instant now) {
        AgencyWatch watch = agencies.get(name);
        if (watch == null) {
            watch = AgencyWatch.newBuilder().setName(name).setReportedYears(new ArrayList<>()).build();
        }
        if (watch.getPortalId() == null) {
            watch.setPortalId(report.getPortalId());
        }
        if (watch.getLevel() == dev.govwatch.schemas.AgencyLevel.UNKNOWN) {
            watch.setLevel(report.getLevel());
        }
        if (watch.getRegion() == null) {
            watch.setRegion(report.getRegion());
        }
        List<Integer> years = new ArrayList<>(watch.getReportedYears());
        if (!years.contains(report.getReportYear())) {
            years.add(report.getReportYear());
        }
        watch.setReportedYears(years);
        agencies.put(name, watch);
        // Resolve at once, but open nothing here: the agency's report for the next year may be
        // right behind this one (both found in one sweep); the periodic check opens what stays missing.
        PortalStatus portal = portalOf(watch);
        if (missingReports.canJudge(watch, portal, now)) {
            ledger.reconcileOpenOnly("agency|" + watch.getName(), missingReports.evaluate(watch, portal, now), now);
        }
    }

    /** A portal lists the agency as one that must report there. */
    void listed(AgencyWatch listing, Instant now) {
        AgencyWatch watch = agencies.get(listing.getName());
        if (watch == null) {
            watch = listing;
        }
        if (watch.getExpectedFrom() == null) {
            watch.setExpectedFrom(java.time.LocalDate.ofInstant(now, MissingReports.ZONE).getYear() - 1);
        }
        if (watch != listing) {
            watch.setListed(true);
            watch.setPortalId(listing.getPortalId());
            if (listing.getLevel() != dev.govwatch.schemas.AgencyLevel.UNKNOWN) {
                watch.setLevel(listing.getLevel());
            }
            if (listing.getRegion() != null) {
                watch.setRegion(listing.getRegion());
            }
        }
        agencies.put(watch.getName(), watch);
        check(watch, now);
    }

    /** The wall-clock check of every agency this task holds. */
    void checkAll(Instant now) {
        List<AgencyWatch> all = new ArrayList<>();
        try (KeyValueIterator<String, AgencyWatch> it = agencies.all()) {
            while (it.hasNext()) {
                KeyValue<String, AgencyWatch> next = it.next();
                all.add(next.value);
            }
        }
        all.forEach(watch -> check(watch, now));
    }

    /**
     * The agencies of portals swept since they were last judged, once each sweep can be judged:
     * so that an absence is seen minutes after a sweep, not at the next hourly check.
     */
    void checkSwept(Instant now) {
        java.util.Map<String, PortalStatus> ready = new java.util.HashMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<PortalStatus>> it = portalStatus.all()) {
            while (it.hasNext()) {
                PortalStatus status = it.next().value.value();
                Instant swept = status.getSweptAt();
                if (swept == null || !swept.isAfter(judgedSweeps.getOrDefault(status.getPortalId(), Instant.MIN))
                        || !missingReports.canJudge(status, now)) {
                    continue;
                }
                ready.put(status.getPortalId(), status);
                judgedSweeps.put(status.getPortalId(), swept);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        List<AgencyWatch> due = new ArrayList<>();
        java.util.Map<String, dev.govwatch.schemas.Region> regions = new java.util.HashMap<>();
        try (KeyValueIterator<String, AgencyWatch> it = agencies.all()) {
            while (it.hasNext()) {
                AgencyWatch watch = it.next().value;
                if (watch.getPortalId() != null && ready.containsKey(watch.getPortalId())) {
                    due.add(watch);
                    if (watch.getRegion() != null) {
                        regions.putIfAbsent(watch.getPortalId(), watch.getRegion());
                    }
                }
            }
        }
        for (PortalStatus status : ready.values()) {
            if (ownsPortal.test(status.getPortalId())) {
                ledger.reconcile(PortalDrift.subject(status.getPortalId()),
                        PortalDrift.alerts(status, regions.get(status.getPortalId()), now), now);
            }
        }
        due.forEach(watch -> check(watch, now));
    }

    private PortalStatus portalOf(AgencyWatch watch) {
        if (watch.getPortalId() == null) {
            return null;
        }
        ValueAndTimestamp<PortalStatus> status = portalStatus.get(watch.getPortalId());
        return status == null ? null : status.value();
    }

    private void check(AgencyWatch watch, Instant now) {
        PortalStatus portal = portalOf(watch);
        if (portal != null && portal.getState() == PortalState.OK && portal.getSweptAt() != null
                && !portal.getSweptAt().equals(judgedSweeps.get(portal.getPortalId()))) {
            return; // its latest sweep is judged by checkSwept, once its reports are through
        }
        if (missingReports.canJudge(watch, portal, now)) {
            ledger.reconcile("agency|" + watch.getName(), missingReports.evaluate(watch, portal, now), now);
        }
    }
}
