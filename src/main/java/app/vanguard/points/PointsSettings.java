package app.vanguard.points;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.EnumMap;
import java.util.Map;

/** The points settings: per-action daily caps under vanguard.points.daily-caps (e.g. READING: 12). */
@ConfigurationProperties("vanguard.points")
public class PointsSettings {

    private Map<String, Integer> dailyCaps = new java.util.HashMap<>();

    public Map<String, Integer> getDailyCaps() {
        return dailyCaps;
    }

    public void setDailyCaps(Map<String, Integer> dailyCaps) {
        this.dailyCaps = dailyCaps;
    }

    /** The cap for an action; an action without one is uncapped. */
    public int capFor(PointsAction action) {
        Integer cap = dailyCaps.get(action.name());
        if (cap == null) {
            cap = dailyCaps.get(action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return cap == null ? Integer.MAX_VALUE : cap;
    }

    public Map<PointsAction, Integer> all() {
        Map<PointsAction, Integer> caps = new EnumMap<>(PointsAction.class);
        for (PointsAction a : PointsAction.values()) {
            caps.put(a, capFor(a));
        }
        return caps;
    }
}
