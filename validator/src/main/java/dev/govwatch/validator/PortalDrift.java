package dev.govwatch.validator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.utils.Utils;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.AlertStatus;
import dev.govwatch.schemas.Evidence;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.PortalStatus;
import dev.govwatch.schemas.Region;
import dev.govwatch.schemas.Severity;

/**
 * A portal's DRIFTED alert: open while the crawler reports one of its report columns gone (404/410,
 * or no reports listed, for several sweeps) and not found again from the portal's home page;
 * resolved when the portal is read normally again. Every task sees every portal status (a global
 * table), so one task, chosen by the portal id as a partitioner would, keeps each portal's alert.
 */
final class PortalDrift {

    static final RuleDescription DRIFTED = RuleDescription.of("DRIFTED", AlertCategory.DRIFTED, Severity.WARNING,
            "a portal's report columns are where the crawler watches them (a column gone for 3 sweeps is looked for again "
                    + "from the portal's home page; DRIFTED when it is not found, resolved when it is readable again)");

    private PortalDrift() {
    }

    /** The ledger subject of a portal's own alerts. */
    static String subject(String portalId) {
        return "portal|" + portalId;
    }

    /** The partition (of {@code partitions}) whose task keeps the portal's alert. */
    static int owner(String portalId, int partitions) {
        return Utils.toPositive(Utils.murmur2(portalId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The portal's DRIFTED alert, if its status says it has drifted. */
    static List<Alert> alerts(PortalStatus status, Region region, Instant now) {
        if (status.getState() != PortalState.DRIFTED) {
            return List.of();
        }
        String message = String.format("门户网站 %s 的年报栏目已失效，且未能从首页重新找到：%s", status.getPortalId(),
                status.getDetail() == null ? "（无详情）" : status.getDetail());
        return List.of(Alert.newBuilder()
                .setId(DRIFTED.id() + "|portal:" + status.getPortalId())
                .setRule(DRIFTED.id()).setCategory(DRIFTED.category()).setSeverity(DRIFTED.severity())
                .setStatus(AlertStatus.OPEN)
                .setRegion(region == null ? null : Region.newBuilder(region).build())
                .setMessage(message)
                .setEvidence(List.of(Evidence.newBuilder().setWhere("portal " + status.getPortalId())
                        .setExpected("年报栏目可读").setFound(status.getDetail()).build()))
                .setRaisedAt(now).setUpdatedAt(now)
                .build());
    }
}
