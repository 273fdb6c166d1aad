package org.chancery.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** Notices that try each channel once, for the benchmarks and the tests that need one of each. */
public final class SampleNotices {

    private SampleNotices() {
    }

    /**
     * By channel, a notice it carries, as sender, receiver, kind and precedence: Washington to Berlin
     * by embassy, to Moscow by hotline, to Tehran through a protecting power.
     */
    public static Map<String, String[]> onePerChannel() {
        Map<String, String[]> routes = new LinkedHashMap<>();
        routes.put("embassy", new String[] {"USA", "DEU", "NOTE_VERBALE", "ROUTINE"});
        routes.put("hotline", new String[] {"USA", "RUS", "DECONFLICTION_NOTICE", "FLASH"});
        routes.put("protecting power", new String[] {"USA", "IRN", "NOTE_VERBALE", "PRIORITY"});
        return routes;
    }
}
