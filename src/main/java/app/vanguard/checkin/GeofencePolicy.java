package app.vanguard.checkin;

/** What a check-in from outside the meeting's geofence does. */
public enum GeofencePolicy {
    /** Refused with 422 OUTSIDE_GEOFENCE. */
    REFUSE,
    /** Accepted and flagged as suspected for the secretary. */
    FLAG
}
