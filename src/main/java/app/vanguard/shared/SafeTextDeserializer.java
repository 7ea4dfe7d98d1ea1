package app.vanguard.shared;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every JSON string the API reads: a NUL character or a lone (unpaired) UTF-16 surrogate is refused (400
 * VALIDATION_FAILED naming the property) instead of being stored, or silently turned into "?" by the database.
 */
@Singleton
@Order(-100)
public class SafeTextDeserializer implements Deserializer<String> {

    /** The text of a JSON string cannot be stored as it is. */
    public static final class UnsafeTextException extends SerdeException {
        UnsafeTextException() {
            super(MESSAGE);
        }
    }

    static final String MESSAGE = "text contains a NUL character or an unpaired surrogate";

    @Override
    public String deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                              @NonNull Argument<? super String> type) throws IOException {
        String text = decoder.decodeString();
        if (!safe(text)) {
            throw new UnsafeTextException();
        }
        return text;
    }

    @Override
    public String deserializeNullable(@NonNull Decoder decoder, @NonNull DecoderContext context,
                                      @NonNull Argument<? super String> type) throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }

    /** No NUL, and every surrogate in a pair. */
    public static boolean safe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
