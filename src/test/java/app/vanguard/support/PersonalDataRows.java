package app.vanguard.support;

import app.vanguard.shared.PersonalData;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every feature's {@link PersonalData} store holds about a member, read directly: after erasure the member
 * can no longer sign in to call {@code GET /me/data-export}, so tests check what is left through this.
 */
@Singleton
public class PersonalDataRows {

    private final List<PersonalData> parts;

    public PersonalDataRows(List<PersonalData> parts) {
        this.parts = parts;
    }

    @Transactional(readOnly = true)
    public Map<String, List<Map<String, Object>>> of(long memberId) {
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        for (PersonalData part : parts) {
            sections.putAll(part.export(memberId));
        }
        return sections;
    }
}
