package app.vanguard.checkin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A scheduled meeting of a branch (or one of its groups). {@code codeSecret} never leaves the server.
 * {@code recordedAfterwards}: entered after it was held (补录), with its minutes; labelled wherever it is shown.
 */
@MappedEntity("meeting")
public record Meeting(@Id @GeneratedValue @Nullable Long id,
                      Long branchId,
                      @Nullable Long groupId,
                      MeetingType type,
                      String topic,
                      @Nullable String place,
                      Instant startsAt,
                      Instant endsAt,
                      @Nullable Double latitude,
                      @Nullable Double longitude,
                      @Nullable Integer radiusM,
                      GeofencePolicy geofencePolicy,
                      MeetingStatus status,
                      byte[] codeSecret,
                      Long createdBy,
                      Instant createdAt,
                      Instant updatedAt,
                      @Nullable Instant closedAt,
                      boolean recordedAfterwards) {

    public boolean hasGeofence() {
        return latitude != null && longitude != null && radiusM != null;
    }
}
