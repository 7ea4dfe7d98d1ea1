package app.vanguard.checkin;

import io.micronaut.context.annotation.ConfigurationProperties;

/** vanguard.meeting-evidence.*: attachment limits and thumbnail size. */
@ConfigurationProperties("vanguard.meeting-evidence")
public class EvidenceSettings {

    /** Largest attachment accepted (the server also refuses bodies over 5 MB). */
    private long maxBytes = 4L * 1024 * 1024;
    /** Most attachments one meeting keeps. */
    private int maxPerMeeting = 30;
    /** Longest side of an image's thumbnail, in pixels. */
    private int thumbnailSize = 320;
    /** Largest image decoded for a thumbnail (width × height), against decompression bombs. */
    private long maxImagePixels = 50_000_000L;
    /** Most guests one open Party lesson invites. */
    private int maxGuests = 200;

    public long getMaxBytes() { return maxBytes; }
    public void setMaxBytes(long maxBytes) { this.maxBytes = maxBytes; }
    public int getMaxPerMeeting() { return maxPerMeeting; }
    public void setMaxPerMeeting(int maxPerMeeting) { this.maxPerMeeting = maxPerMeeting; }
    public int getThumbnailSize() { return thumbnailSize; }
    public void setThumbnailSize(int thumbnailSize) { this.thumbnailSize = thumbnailSize; }
    public long getMaxImagePixels() { return maxImagePixels; }
    public void setMaxImagePixels(long maxImagePixels) { this.maxImagePixels = maxImagePixels; }
    public int getMaxGuests() { return maxGuests; }
    public void setMaxGuests(int maxGuests) { this.maxGuests = maxGuests; }
}
