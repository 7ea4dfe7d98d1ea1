package app.vanguard.commendation;

import io.micronaut.context.annotation.ConfigurationProperties;

/** vanguard.commendation.*: limits of nominations. */
@ConfigurationProperties("vanguard.commendation")
public class CommendationSettings {

    /** Ranked extra candidates a sub-organisation may add beyond its quota per category (超过分配名额的需注明排序). */
    private int maxExtraCandidates = 2;
    /** Characters of a statement of deeds (事迹材料均不超过1500字). */
    private int maxDeedsCharacters = 1500;
    /** Publicity period (公示) when the review does not give one, in days. */
    private int publicityDays = 5;

    public int getMaxExtraCandidates() { return maxExtraCandidates; }
    public void setMaxExtraCandidates(int maxExtraCandidates) { this.maxExtraCandidates = maxExtraCandidates; }
    public int getMaxDeedsCharacters() { return maxDeedsCharacters; }
    public void setMaxDeedsCharacters(int maxDeedsCharacters) { this.maxDeedsCharacters = maxDeedsCharacters; }
    public int getPublicityDays() { return publicityDays; }
    public void setPublicityDays(int publicityDays) { this.publicityDays = publicityDays; }
}
