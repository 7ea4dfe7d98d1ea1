package app.vanguard.org;

import app.vanguard.shared.ApiException;
import app.vanguard.shared.PersonalData;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A member's personal data (PIPL): their own export, and erasure of a departed (disabled) member's data by a system
 * admin. Every feature contributes its part through its own {@link PersonalData} store; this only collects them.
 */
@Singleton
public class PrivacyService {

    private final List<PersonalData> parts;
    private final MemberRepository members;
    private final Clock clock;

    public PrivacyService(List<PersonalData> parts, MemberRepository members, Clock clock) {
        this.parts = parts;
        this.members = members;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public OrgViews.DataExport export(Caller caller) {
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        for (PersonalData part : parts) {
            sections.putAll(part.export(caller.memberId()));
        }
        return new OrgViews.DataExport(caller.memberId(), clock.instant(), sections);
    }

    /** 403 unless a system admin; 404 unknown member; 409 MEMBER_ENABLED while the member is still enabled. */
    @Transactional
    public OrgViews.ErasureView erase(Caller caller, long memberId) {
        if (!caller.isSystemAdmin()) {
            throw ApiException.forbidden("Only a system admin may erase a member's personal data");
        }
        Member member = members.findById(memberId).orElseThrow(() -> ApiException.notFound("Member " + memberId));
        if (member.enabled()) {
            throw ApiException.conflict("MEMBER_ENABLED",
                    "Disable the member first: only a departed member's personal data is erased");
        }
        for (PersonalData part : parts) {
            part.erase(memberId);
        }
        return new OrgViews.ErasureView(memberId, clock.instant());
    }
}
