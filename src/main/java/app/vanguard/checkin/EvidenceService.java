package app.vanguard.checkin;

import app.vanguard.org.Caller;
import app.vanguard.org.MemberStore;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.FileStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Meeting evidence (会议纪实) beside the minutes: the host, recorder and a Party lesson's lecturer; attachments checked
 * by content and kept in the {@link FileStore} (images with a thumbnail); and the guests of an open Party lesson
 * (开放式组织生活: other branches' members and people outside the Party), whose attendance is kept apart from the
 * branch's own. Changed by those who manage the meeting's branch; read by those who may view it.
 */
@Singleton
public class EvidenceService {

    private final EvidenceStore store;
    private final MeetingService meetings;
    private final MemberStore members;
    private final AttachmentInspector inspector;
    private final FileStore files;
    private final EvidenceSettings settings;

    public EvidenceService(EvidenceStore store, MeetingService meetings, MemberStore members,
                           AttachmentInspector inspector, FileStore files, EvidenceSettings settings) {
        this.store = store;
        this.meetings = meetings;
        this.members = members;
        this.inspector = inspector;
        this.files = files;
        this.settings = settings;
    }

    private static void notCancelled(Meeting meeting) {
        if (meeting.status() == MeetingStatus.CANCELLED) {
            throw ApiException.conflict("MEETING_CANCELLED", "The meeting was cancelled");
        }
    }

    // ---- host, recorder, lecturer ----

    @Transactional
    public EvidenceViews.RolesView setRoles(Caller caller, Meeting meeting, EvidenceViews.RolesRequest request) {
        notCancelled(meeting);
        Long lecturerMember = null;
        String lecturerName = null;
        String lecturerTitle = null;
        EvidenceViews.LecturerRequest lecturer = request.lecturer();
        if (lecturer != null) {
            if (meeting.type() != MeetingType.PARTY_LESSON) {
                throw ApiException.invalid("lecturer", "only a Party lesson has a lecturer");
            }
            boolean named = lecturer.name() != null && !lecturer.name().isBlank();
            if ((lecturer.memberId() == null) == !named) {
                throw ApiException.invalid("lecturer", "name a member (memberId) or an outside speaker (name and title)");
            }
            if (lecturer.memberId() != null) {
                lecturerMember = lecturer.memberId();
            } else {
                if (lecturer.title() == null || lecturer.title().isBlank()) {
                    throw ApiException.invalid("lecturer.title", "an outside speaker's title is required");
                }
                lecturerName = lecturer.name().trim();
                lecturerTitle = lecturer.title().trim();
            }
        }
        Set<Long> named = new HashSet<>();
        for (Long id : new Long[]{request.hostMemberId(), request.recorderMemberId(), lecturerMember}) {
            if (id != null) {
                named.add(id);
            }
        }
        Map<Long, MemberStore.MemberName> found = members.names(named);
        check("hostMemberId", request.hostMemberId(), found);
        check("recorderMemberId", request.recorderMemberId(), found);
        check("lecturer.memberId", lecturerMember, found);
        store.saveRoles(meeting.id(), request.hostMemberId(), request.recorderMemberId(), lecturerMember, lecturerName,
                lecturerTitle, caller.memberId(), meetings.now());
        return evidence(List.of(meeting.id())).get(meeting.id()).roles();
    }

    private static void check(String field, @Nullable Long id, Map<Long, MemberStore.MemberName> found) {
        if (id != null && !found.containsKey(id)) {
            throw ApiException.invalid(field, "no member " + id);
        }
    }

    // ---- attachments ----

    @Transactional
    public EvidenceViews.AttachmentView attach(Caller caller, Meeting meeting, String fileName, byte[] bytes) {
        notCancelled(meeting);
        if (bytes.length == 0) {
            throw ApiException.invalid("file", "the file is empty");
        }
        if (bytes.length > settings.getMaxBytes()) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "ATTACHMENT_TOO_LARGE",
                    "An attachment may be at most " + settings.getMaxBytes() + " bytes")
                    .arg("max", settings.getMaxBytes());
        }
        if (store.attachmentCount(meeting.id()) >= settings.getMaxPerMeeting()) {
            throw ApiException.conflict("TOO_MANY_ATTACHMENTS", "A meeting keeps at most "
                    + settings.getMaxPerMeeting() + " attachments").arg("max", settings.getMaxPerMeeting());
        }
        AttachmentInspector.Inspected inspected = inspector.inspect(bytes);
        String name = cleanName(fileName);
        String base = "meetings/" + meeting.id() + "/" + UUID.randomUUID();
        String thumbKey = inspected.thumbnail() == null ? null : base + "-thumb.jpg";
        files.put(base, bytes);
        if (thumbKey != null) {
            files.put(thumbKey, inspected.thumbnail());
        }
        long id = store.insertAttachment(meeting.id(), name, inspected.contentType(), inspected.kind(), bytes.length,
                sha256(bytes), base, thumbKey, caller.memberId(), meetings.now());
        return view(store.attachment(meeting.id(), id).orElseThrow());
    }

    private static String cleanName(@Nullable String name) {
        String n = name == null ? "" : name.replaceAll("[\\p{Cntrl}/\\\\\"]", "_").trim();
        if (n.isEmpty()) {
            n = "attachment";
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An attachment's bytes (or its thumbnail's) with the content type to send them as. */
    public record Content(String contentType, String fileName, byte[] bytes) {
    }

    @Transactional(readOnly = true)
    public Content content(Meeting meeting, long attachmentId, boolean thumbnail) {
        EvidenceStore.Attachment a = store.attachment(meeting.id(), attachmentId)
                .orElseThrow(() -> ApiException.notFound("Attachment " + attachmentId));
        if (thumbnail && a.thumbnailKey() == null) {
            throw ApiException.notFound("Thumbnail of attachment " + attachmentId);
        }
        byte[] bytes = files.get(thumbnail ? a.thumbnailKey() : a.storageKey())
                .orElseThrow(() -> ApiException.notFound("File of attachment " + attachmentId));
        return new Content(thumbnail ? "image/jpeg" : a.contentType(), a.fileName(), bytes);
    }

    @Transactional
    public void detach(Meeting meeting, long attachmentId) {
        EvidenceStore.Attachment a = store.attachment(meeting.id(), attachmentId)
                .orElseThrow(() -> ApiException.notFound("Attachment " + attachmentId));
        store.deleteAttachment(a.id());
        files.delete(a.storageKey());
        if (a.thumbnailKey() != null) {
            files.delete(a.thumbnailKey());
        }
    }

    static EvidenceViews.AttachmentView view(EvidenceStore.Attachment a) {
        return new EvidenceViews.AttachmentView(a.id(), a.meetingId(), a.fileName(), a.contentType(), a.kind(),
                a.sizeBytes(), a.sha256(), a.thumbnailKey() != null, a.uploadedBy(), a.uploadedAt());
    }

    // ---- guests of an open Party lesson ----

    @Transactional
    public EvidenceViews.GuestView invite(Caller caller, Meeting meeting, EvidenceViews.GuestRequest request) {
        notCancelled(meeting);
        if (meeting.type() != MeetingType.PARTY_LESSON) {
            throw ApiException.conflict("NOT_A_PARTY_LESSON", "Only a Party lesson is open to guests");
        }
        if (store.guestCount(meeting.id()) >= settings.getMaxGuests()) {
            throw ApiException.conflict("TOO_MANY_GUESTS", "A Party lesson invites at most " + settings.getMaxGuests()
                    + " guests").arg("max", settings.getMaxGuests());
        }
        boolean named = request.name() != null && !request.name().isBlank();
        if ((request.memberId() == null) == !named) {
            throw ApiException.invalid("memberId", "name another branch's member (memberId) or a guest (name)");
        }
        String name;
        String organisation = null;
        if (request.memberId() != null) {
            MemberStore.MemberName m = members.names(List.of(request.memberId())).get(request.memberId());
            if (m == null) {
                throw ApiException.invalid("memberId", "no member " + request.memberId());
            }
            if (meeting.branchId().equals(m.branchId())) {
                throw ApiException.conflict("GUEST_IS_OWN_MEMBER", "Members of the branch attend as its own members");
            }
            name = m.name();
            organisation = m.branchName();
        } else {
            name = request.name().trim();
            organisation = request.organisation() == null || request.organisation().isBlank() ? null
                    : request.organisation().trim();
        }
        long id;
        try {
            id = store.insertGuest(meeting.id(), request.memberId(), name, organisation, caller.memberId(),
                    meetings.now());
        } catch (app.vanguard.shared.Sql.Duplicate e) {
            throw ApiException.conflict("ALREADY_INVITED", "The member is already invited");
        }
        return guestViews(meeting.id()).stream().filter(g -> g.id() == id).findFirst().orElseThrow();
    }

    /** Records that a guest came (once the lesson has started). */
    @Transactional
    public EvidenceViews.GuestView guestAttended(Meeting meeting, long guestId) {
        notCancelled(meeting);
        Instant now = meetings.now();
        if (now.isBefore(meeting.startsAt().minus(java.time.Duration.ofMinutes(30)))) {
            throw ApiException.conflict("MEETING_NOT_STARTED",
                    "Guests are recorded from half an hour before the lesson starts");
        }
        if (!store.markGuestAttended(meeting.id(), guestId, now)) {
            throw ApiException.notFound("Guest " + guestId);
        }
        return guestViews(meeting.id()).stream().filter(g -> g.id() == guestId).findFirst().orElseThrow();
    }

    private List<EvidenceViews.GuestView> guestViews(long meetingId) {
        return store.guests(List.of(meetingId)).getOrDefault(meetingId, List.of()).stream().map(EvidenceService::view)
                .toList();
    }

    static EvidenceViews.GuestView view(EvidenceStore.Guest g) {
        return new EvidenceViews.GuestView(g.id(), g.meetingId(), g.memberId(), g.name(), g.organisation(),
                g.memberId() != null, g.attended(), g.attendedAt());
    }

    // ---- the evidence of meetings ----

    /** Per meeting: its roles, attachments and guests (three statements for any number of meetings). */
    @Transactional(readOnly = true)
    public Map<Long, EvidenceViews.Evidence> evidence(Collection<Long> meetingIds) {
        Map<Long, EvidenceStore.Roles> roles = store.roles(meetingIds);
        Map<Long, List<EvidenceStore.Attachment>> attachments = store.attachments(meetingIds);
        Map<Long, List<EvidenceStore.Guest>> guests = store.guests(meetingIds);
        Set<Long> people = new HashSet<>();
        roles.values().forEach(r -> {
            if (r.host() != null) people.add(r.host());
            if (r.recorder() != null) people.add(r.recorder());
            if (r.lecturerMember() != null) people.add(r.lecturerMember());
        });
        Map<Long, MemberStore.MemberName> names = members.names(people);
        Map<Long, EvidenceViews.Evidence> out = new HashMap<>();
        for (Long id : meetingIds) {
            EvidenceStore.Roles r = roles.get(id);
            EvidenceViews.RolesView rv = null;
            if (r != null) {
                EvidenceViews.Lecturer lecturer = r.lecturerMember() != null
                        ? new EvidenceViews.Lecturer(r.lecturerMember(), name(names, r.lecturerMember()), null, false)
                        : r.lecturerName() != null
                        ? new EvidenceViews.Lecturer(null, r.lecturerName(), r.lecturerTitle(), true) : null;
                rv = new EvidenceViews.RolesView(id, ref(names, r.host()), ref(names, r.recorder()), lecturer,
                        r.updatedBy(), r.updatedAt());
            }
            List<EvidenceViews.GuestView> gs = guests.getOrDefault(id, List.of()).stream().map(EvidenceService::view)
                    .toList();
            out.put(id, new EvidenceViews.Evidence(id, rv, attachments.getOrDefault(id, List.of()).stream()
                    .map(EvidenceService::view).toList(), gs, (int) gs.stream().filter(EvidenceViews.GuestView::attended)
                    .count()));
        }
        return out;
    }

    private static String name(Map<Long, MemberStore.MemberName> names, long id) {
        MemberStore.MemberName n = names.get(id);
        return n == null ? "#" + id : n.name();
    }

    private static @Nullable EvidenceViews.PersonRef ref(Map<Long, MemberStore.MemberName> names, @Nullable Long id) {
        return id == null ? null : new EvidenceViews.PersonRef(id, name(names, id));
    }

    static List<Long> ids(Collection<Long> ids) {
        return new ArrayList<>(ids);
    }
}
