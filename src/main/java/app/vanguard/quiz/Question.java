package app.vanguard.quiz;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A question of an organisation's bank. {@code answer} is canonical: for choice types the 0-based indexes of the
 * correct options in the author's order ("0,2"); for fill-in the accepted texts separated by "|".
 */
record Question(@Nullable Long id, long orgId, QuestionType type, String stem, List<String> options, String answer,
                @Nullable String explanation, Difficulty difficulty, List<String> tags,
                @Nullable Long sourceArticleId) {
}
