package app.vanguard.shared;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serde;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;

/**
 * The API's one time format: every instant is written as ISO-8601 with the Asia/Shanghai offset
 * ({@code 2026-11-24T07:36:50.123+08:00}, milliseconds only when there are any) and read from ISO-8601 with any
 * offset or {@code Z}; a date-time without an offset is read as Asia/Shanghai local time (see {@link ShanghaiTime}).
 */
@Singleton
@Order(-100)
public class ShanghaiInstantSerde implements Serde<Instant> {

    @Override
    public void serialize(@NonNull Encoder encoder, @NonNull EncoderContext context,
                          @NonNull Argument<? extends Instant> type, @NonNull Instant value) throws IOException {
        encoder.encodeString(ShanghaiTime.format(value));
    }

    @Override
    public Instant deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                               @NonNull Argument<? super Instant> type) throws IOException {
        String text = decoder.decodeString();
        Instant parsed = ShanghaiTime.parse(text);
        if (parsed == null) {
            throw decoder.createDeserializationException(
                    "not a date-time: expected ISO-8601 such as 2026-11-24T07:30:00+08:00", text);
        }
        return parsed;
    }
}
