package app.vanguard.identity;

import app.vanguard.identity.IdentityRepositories.BadgeRepository;
import app.vanguard.identity.IdentityViews.BadgeView;
import app.vanguard.identity.IdentityViews.BranchRef;
import app.vanguard.org.Member;
import app.vanguard.org.MemberRepository;
import app.vanguard.org.Organisation;
import app.vanguard.org.OrganisationRepository;
import app.vanguard.shared.ApiException;
import app.vanguard.shared.BusinessTime;
import app.vanguard.shared.QrCodes;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** Badges (党员示范户 / 党员先锋岗 / 党员责任区): grant, revoke, list, QR code, and the public check. */
@Singleton
public class BadgeService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{20,64}$");
    static final int QR_SIZE = 400;

    private final BadgeRepository badges;
    private final MemberRepository members;
    private final OrganisationRepository organisations;
    private final DeclarationService declarations;
    private final QrCodes qr;
    private final Clock clock;
    private final String verifyUrlPrefix;

    public BadgeService(BadgeRepository badges, MemberRepository members, OrganisationRepository organisations,
                        DeclarationService declarations, QrCodes qr, Clock clock, IdentitySettings settings) {
        this.badges = badges;
        this.members = members;
        this.organisations = organisations;
        this.declarations = declarations;
        this.qr = qr;
        this.clock = clock;
        this.verifyUrlPrefix = settings.getBadgeVerifyUrlPrefix();
    }

    @Transactional
    public BadgeView grant(Organisation branch, long actorId, IdentityViews.BadgeRequest request) {
        Member member = members.findById(request.memberId()).filter(m -> branch.id().equals(m.branchId()))
                .orElseThrow(() -> ApiException.invalid("memberId", "is not a member of this branch"));
        if (!declarations.isVerifiedIn(member.id(), branch.id())) {
            throw ApiException.conflict("MEMBER_NOT_VERIFIED",
                    "Only a member whose identity declaration this branch verified can be given a badge");
        }
        if (request.validUntil().isBefore(request.validFrom())) {
            throw ApiException.invalid("validUntil", "must not be before validFrom");
        }
        Badge saved = badges.save(new Badge(null, member.id(), branch.id(), request.type(), request.title().strip(),
                request.validFrom(), request.validUntil(), newToken(), actorId, clock.millis(), null, null, null));
        return view(saved, branch, member);
    }

    @Transactional
    public BadgeView revoke(Organisation branch, long badgeId, long actorId, String reason) {
        Badge badge = ofBranch(branch, badgeId);
        if (badges.revoke(badge.id(), clock.millis(), actorId, reason.strip()) != 1) {
            throw ApiException.conflict("BADGE_REVOKED", "The badge is already revoked");
        }
        return view(badges.findById(badgeId).orElseThrow(), branch, null);
    }

    @Transactional(readOnly = true)
    public IdentityViews.BadgePage list(Organisation branch, int page, int size) {
        List<BadgeView> items = badges.findForBranch(branch.id(), size, (long) page * size).stream()
                .map(b -> view(b, branch, null)).toList();
        return new IdentityViews.BadgePage(items, page, size, badges.countByBranchId(branch.id()));
    }

    @Transactional(readOnly = true)
    public List<BadgeView> mine(long memberId) {
        return badges.findByMemberIdOrderByIdDesc(memberId).stream().map(b -> view(b, null, null)).toList();
    }

    public Badge ofBranch(Organisation branch, long badgeId) {
        return badges.findById(badgeId).filter(b -> b.branchId() == branch.id())
                .orElseThrow(() -> ApiException.notFound("Badge " + badgeId + " of branch " + branch.id()));
    }

    public Badge ofMember(long memberId, long badgeId) {
        return badges.findById(badgeId).filter(b -> b.memberId() == memberId)
                .orElseThrow(() -> ApiException.notFound("Badge " + badgeId));
    }

    /** The QR code (PNG) of the badge's public verification URL. */
    public byte[] qrPng(Badge badge) {
        return qr.png(verifyUrl(badge), QR_SIZE);
    }

    /** What the public learns by scanning: status, type, title, masked name, branch name. Nothing else. */
    @Transactional(readOnly = true)
    public IdentityViews.PublicBadgeView check(String token) {
        Badge badge = (TOKEN.matcher(token).matches() ? badges.findByToken(token) : java.util.Optional.<Badge>empty())
                .orElseThrow(() -> new ApiException(io.micronaut.http.HttpStatus.NOT_FOUND, "BADGE_UNKNOWN",
                        "No badge has this code"));
        Member member = members.findById(badge.memberId()).orElseThrow();
        Organisation branch = organisations.findById(badge.branchId()).orElseThrow();
        return new IdentityViews.PublicBadgeView(badge.statusOn(BusinessTime.today(clock)), badge.type(), badge.title(),
                Masking.name(member.name()), branch.name());
    }

    private BadgeView view(Badge b, Organisation branch, Member member) {
        Organisation br = branch != null ? branch : organisations.findById(b.branchId()).orElseThrow();
        Member m = member != null ? member : members.findById(b.memberId()).orElseThrow();
        LocalDate today = BusinessTime.today(clock);
        return new BadgeView(b.id(), b.type(), b.title(), b.statusOn(today), b.validFrom(), b.validUntil(),
                new IdentityViews.MemberRef(m.id(), m.name(), Masking.phone(m.phone())), new BranchRef(br.id(), br.name()),
                b.token(), verifyUrl(b), Instant.ofEpochMilli(b.grantedAtMs()),
                b.revokedAtMs() == null ? null : Instant.ofEpochMilli(b.revokedAtMs()), b.revokeReason());
    }

    private String verifyUrl(Badge b) {
        return verifyUrlPrefix + b.token();
    }

    /** 256 random bits, url-safe base64 without padding (43 characters). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
