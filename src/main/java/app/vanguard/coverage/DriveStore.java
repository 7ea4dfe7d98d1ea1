package app.vanguard.coverage;

import app.vanguard.shared.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-written SQL of drives and their snapshots (coverage_drive, coverage_snapshot, coverage_snapshot_row). */
@Singleton
public class DriveStore {

    private final Sql sql;

    public DriveStore(Sql sql) {
        this.sql = sql;
    }

    record Drive(long id, long orgId, String name, LocalDate startsOn, LocalDate endsOn, Instant createdAt) {
    }

    record Snapshot(long id, long driveId, int cycle, LocalDate asOf, Instant takenAt) {
    }

    /** One organisation's line of a snapshot. */
    record Line(long orgId, String orgName, long surveyed, long own, long joint, long affiliated, long industry,
                long notOrganised, long membersFound, long membersOutside, long instructors) {
        long covered() {
            return own + joint + affiliated + industry;
        }
    }

    long insertDrive(long orgId, String name, LocalDate startsOn, LocalDate endsOn, long createdBy, Instant at) {
        return sql.insert("INSERT INTO coverage_drive (org_id, name, starts_on, ends_on, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", orgId, name, startsOn, endsOn, createdBy, at);
    }

    private static Drive drive(ResultSet rs) throws SQLException {
        return new Drive(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                rs.getDate(5).toLocalDate(), Sql.instant(rs, "created_at"));
    }

    Optional<Drive> drive(long id) {
        return sql.one("SELECT id, org_id, name, starts_on, ends_on, created_at FROM coverage_drive WHERE id = ?",
                DriveStore::drive, id);
    }

    List<Drive> drivesOf(long orgId) {
        return sql.list("SELECT id, org_id, name, starts_on, ends_on, created_at FROM coverage_drive WHERE org_id = ? "
                + "ORDER BY starts_on DESC, id DESC", DriveStore::drive, orgId);
    }

    /** Replaces the cycle's snapshot (and its lines) with a new one; answers its id. */
    long replaceSnapshot(long driveId, int cycle, LocalDate asOf, long takenBy, Instant at, List<Line> lines) {
        sql.update("DELETE FROM coverage_snapshot WHERE drive_id = ? AND cycle = ?", driveId, cycle);
        long id = sql.insert("INSERT INTO coverage_snapshot (drive_id, cycle, as_of, taken_by, taken_at) "
                + "VALUES (?, ?, ?, ?, ?)", driveId, cycle, asOf, takenBy, at);
        List<Object[]> rows = new ArrayList<>();
        for (Line l : lines) {
            rows.add(new Object[]{id, l.orgId(), l.orgName(), l.surveyed(), l.own(), l.joint(), l.affiliated(),
                    l.industry(), l.notOrganised(), l.membersFound(), l.membersOutside(), l.instructors()});
        }
        sql.batch("INSERT INTO coverage_snapshot_row (snapshot_id, org_id, org_name, surveyed, own_branch, "
                + "joint_branch, affiliated_branch, industry_branch, not_organised, members_found, members_outside, "
                + "instructors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return id;
    }

    private static Snapshot snapshot(ResultSet rs) throws SQLException {
        return new Snapshot(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getDate(4).toLocalDate(),
                Sql.instant(rs, "taken_at"));
    }

    List<Snapshot> snapshots(long driveId) {
        return sql.list("SELECT id, drive_id, cycle, as_of, taken_at FROM coverage_snapshot WHERE drive_id = ? "
                + "ORDER BY cycle", DriveStore::snapshot, driveId);
    }

    Optional<Snapshot> snapshot(long driveId, int cycle) {
        return sql.one("SELECT id, drive_id, cycle, as_of, taken_at FROM coverage_snapshot "
                + "WHERE drive_id = ? AND cycle = ?", DriveStore::snapshot, driveId, cycle);
    }

    /** The latest snapshot before the cycle. */
    Optional<Snapshot> previous(long driveId, int cycle) {
        return sql.one("SELECT id, drive_id, cycle, as_of, taken_at FROM coverage_snapshot "
                + "WHERE drive_id = ? AND cycle < ? ORDER BY cycle DESC LIMIT 1", DriveStore::snapshot, driveId, cycle);
    }

    List<Line> lines(long snapshotId) {
        return sql.list("SELECT org_id, org_name, surveyed, own_branch, joint_branch, affiliated_branch, "
                + "industry_branch, not_organised, members_found, members_outside, instructors "
                + "FROM coverage_snapshot_row WHERE snapshot_id = ? ORDER BY org_id", rs -> new Line(rs.getLong(1),
                rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)), snapshotId);
    }
}
