package app.vanguard.shared;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The texts people read in error answers, from i18n/messages_zh.properties (the default) and
 * i18n/messages_en.properties (when the request's Accept-Language prefers English), through Micronaut's
 * {@link MessageSource}. Placeholders are named: {@code {from}}.
 */
@Singleton
public class Messages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final MessageSource source;

    public Messages(@Named("problems") MessageSource source) {
        this.source = source;
    }

    /** English when the client asks for it first (Accept-Language: en, en-US;q=0.9, …), otherwise Chinese. */
    public static Locale localeOf(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return CHINESE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String tag = range.getRange();
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
                if (tag.startsWith("zh") || tag.equals("*")) {
                    return CHINESE;
                }
            }
        } catch (IllegalArgumentException ignored) {
            // A malformed header is no reason to fail the answer.
        }
        return CHINESE;
    }

    public Optional<String> find(String key, Locale locale, Map<String, Object> args) {
        return source.getRawMessage(key, MessageSource.MessageContext.of(locale)).map(text -> {
            String out = text;
            for (Map.Entry<String, Object> arg : args.entrySet()) {
                out = out.replace("{" + arg.getKey() + "}", String.valueOf(arg.getValue()));
            }
            return out;
        });
    }

    public String get(String key, Locale locale, Map<String, Object> args) {
        return find(key, locale, args).orElse(key);
    }

    /** "phone、name" in Chinese, "phone, name" in English. */
    public static String join(List<String> names, Locale locale) {
        return String.join(locale.getLanguage().equals("en") ? ", " : "、", names);
    }

    @Factory
    static class Source {
        @Singleton
        @Named("problems")
        MessageSource problems() {
            return new ResourceBundleMessageSource("i18n.messages", CHINESE);
        }
    }
}
