package dev.govwatch.crawler;

import java.util.List;

import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.Region;

/** The portal entry for a simulated site: its one column, loopback allowed, the given per-host delay. */
final class SimulatedPortal {

    private SimulatedPortal() {
    }

    static Portal.Builder of(PortalSimulator.Site site, long hostDelayMillis) {
        return Portal.newBuilder().setId(site.id()).setName("测试县人民政府").setRegion(Region.newBuilder().build())
                .setListPages(List.of(site.columnUrl())).setHostDelayMillis(hostDelayMillis).setAllowPrivateAddresses(true);
    }
}
