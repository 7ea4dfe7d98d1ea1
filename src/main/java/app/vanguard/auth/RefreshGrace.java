package app.vanguard.auth;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A refresh whose answer was lost (the phone lost its connection) can be retried: for {@code refresh-grace} (10 s)
 * after a token was rotated, presenting it again returns the same successor pair instead of counting as reuse.
 * After the grace, or once the family is revoked, reuse revokes the family as before.
 * <p>
 * The successor pair is kept in Redis for the grace only, encrypted (AES-GCM, JDK) under a key derived from the
 * presented token, so only its holder can read it; Redis down means no grace (the old behaviour), never an error.
 */
@Singleton
public class RefreshGrace {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshGrace.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisCommands<String, String> redis;
    private final Duration grace;

    public RefreshGrace(StatefulRedisConnection<String, String> redis, AuthSettings settings) {
        this.redis = redis.sync();
        this.grace = settings.getRefreshGrace();
    }

    /** Whether a token used at {@code usedAt} (and not revoked) is still within its grace at {@code now}. */
    public boolean within(Instant usedAt, Instant now) {
        return !grace.isZero() && !now.isAfter(usedAt.plus(grace));
    }

    /** Keeps the pair the presented token was exchanged for, for the grace. */
    public void remember(String presentedToken, AuthViews.TokenResponse successor) {
        if (grace.isZero()) {
            return;
        }
        try {
            String plain = String.join("\n", successor.accessToken(), successor.tokenType(),
                    Long.toString(successor.expiresIn()), successor.refreshToken(), Long.toString(successor.refreshExpiresIn()));
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(presentedToken), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            String value = Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
            redis.set(redisKey(presentedToken), value, SetArgs.Builder.px(grace.toMillis() + 1000));
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.warn("Refresh grace not recorded: {}", e.toString());
        }
    }

    /** The pair the token was exchanged for, if it is still kept. */
    public Optional<AuthViews.TokenResponse> successor(String presentedToken) {
        try {
            String value = redis.get(redisKey(presentedToken));
            if (value == null) {
                return Optional.empty();
            }
            byte[] all = Base64.getDecoder().decode(value);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(presentedToken), new GCMParameterSpec(128, all, 0, 12));
            String[] parts = new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8).split("\n");
            return Optional.of(new AuthViews.TokenResponse(parts[0], parts[1], Long.parseLong(parts[2]), parts[3], Long.parseLong(parts[4])));
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.warn("Refresh grace not readable: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Waits briefly for a concurrent refresh with the same token to record its pair (a retry racing the original). */
    public Optional<AuthViews.TokenResponse> awaitSuccessor(String presentedToken) {
        for (int i = 0; i < 10; i++) {
            Optional<AuthViews.TokenResponse> found = successor(presentedToken);
            if (found.isPresent()) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    private static String redisKey(String token) {
        return "auth:refresh:grace:" + TokenService.sha256(token);
    }

    private static SecretKeySpec key(String token) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(("refresh-grace:" + token).getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(digest, "AES");
    }
}
