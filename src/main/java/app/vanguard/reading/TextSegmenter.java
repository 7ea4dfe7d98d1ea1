package app.vanguard.reading;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a plain-text or Markdown document into sections and articles by the numbering Chinese Party and government
 * texts use. Pure: no I/O, no database.
 *
 * <p>How a text is read, line by line (leading/trailing spaces, U+3000 indents and blank lines are ignored; a Markdown
 * {@code #} prefix is dropped):
 * <ul>
 * <li><b>Title</b>: the first line, unless it is a red-header masthead ("…文件"), then the next one.</li>
 * <li><b>Front matter</b> (kept aside, not reading text): until the first body line, lines such as 发布时间：…,
 * 信息来源：…, a document number (工商个字〔2016〕114号), a masthead (…文件), a parenthesised adoption note after the
 * title, and the title repeated over one or more lines.</li>
 * <li><b>Trailer</b> (discarded web-page chrome): a line 相关文章 / 相关链接 / 相关阅读 and everything after it.</li>
 * <li><b>Numbering</b>: when the text has 第X条 articles (the Party Constitution, regulations), the levels are
 * 第X章 › 第X节 › 第X条 and enumerations inside an article stay in its text. Otherwise the outline levels are
 * 一、 › （一） › 1. › （1）, with full- or half-width punctuation (、，,．.) and parentheses. An outline number counts
 * only when it continues its level (1 after a new parent, else previous + 1); other lines are text. A 第X章/节/条
 * line counts whatever its number (numbering that jumps over repealed articles or starts from a later point; 百 and
 * 千 numerals), unless it reads as a citation ("第十条规定的…", no space after the marker);
 * a chapter line that goes on with 第X条 is the chapter's heading followed by its first article.
 * 总纲, 序言, 前言, 附则 on a line of their own and unnumbered Markdown headings are unnumbered sections.</li>
 * <li>A numbered line's text is its heading title when it is short (at most 40 characters) and is one clause;
 * otherwise the number is the label and the text starts the article's body (a "run-in" item).</li>
 * <li><b>Sections</b> are the top level (第X章, 一、, 总纲); <b>articles</b> are the text under the deepest number.
 * Text under a heading (or before the first heading: the preamble, label 引言) with several paragraphs becomes one
 * article per paragraph ("总纲 第2段").</li>
 * </ul>
 * Every character of the source ends up in exactly one {@link Piece}, in order, so nothing is lost: the articles'
 * bodies are exactly the BODY pieces.
 */
public final class TextSegmenter {

    public enum PieceKind { TITLE, FRONT_MATTER, HEADING, BODY, TRAILER }

    /** A part of one source line, in source order. */
    public record Piece(PieceKind kind, String text) {
    }

    public record Heading(int level, String label, @Nullable String title) {
    }

    public record Section(String label, @Nullable String title) {
    }

    /** sectionIndex is -1 for the preamble. */
    public record Article(int sectionIndex, String label, @Nullable String title, String body) {
    }

    public record Result(String title, List<String> frontMatter, List<Heading> headings, List<Section> sections,
                         List<Article> articles, List<Piece> pieces) {
    }

    static final String PREAMBLE_LABEL = "引言";
    private static final int MAX_TITLE_CHARS = 40;
    private static final Set<String> TRAILER_LINES = Set.of("相关文章", "相关链接", "相关阅读", "相关新闻");
    private static final Set<String> NAMED_SECTIONS = Set.of("总纲", "序言", "前言", "附则");
    private static final String N = "[" + ChineseNumerals.CHARS + "]+";
    private static final Pattern CHAPTER = Pattern.compile("(?U)^(第(" + N + "|\\d{1,3})章)\\s*(.*)$");
    private static final Pattern JIE = Pattern.compile("(?U)^(第(" + N + "|\\d{1,3})节)\\s*(.*)$");
    private static final Pattern ARTICLE = Pattern.compile("(?U)^(第(" + N + "|\\d{1,4})条)\\s*(.*)$");
    private static final Pattern CN = Pattern.compile("(?U)^((" + N + ")[、，,．.])\\s*(.*)$");
    private static final Pattern PAREN_CN = Pattern.compile("(?U)^([（(](" + N + ")[）)])\\s*(.*)$");
    private static final Pattern ARABIC = Pattern.compile("(?U)^((\\d{1,3})[.．、,，](?![\\d０-９]))\\s*(.*)$");
    private static final Pattern PAREN_ARABIC = Pattern.compile("(?U)^([（(](\\d{1,3})[）)])\\s*(.*)$");
    private static final Pattern REFERENCE_START = Pattern.compile(
            "(规定|所|的|中|之|至|到|和|及|或|、|，|,|第|款|项|以|为|有关|相关|明确|要求|内容)");
    private static final Pattern META = Pattern.compile(
            "^(发布时间|发布日期|信息来源|来源|发文字号|文号|索引号|作者|成文日期|发文机关)\\s*[：:].*$");
    private static final Pattern DOC_NUMBER = Pattern.compile("^\\S{1,15}[〔\\[［(（]\\d{4}[〕\\]］)）]\\s*\\d+\\s*号$");
    private static final Pattern MASTHEAD = Pattern.compile("^.{2,40}文件$");
    private static final Pattern ADOPTION_NOTE = Pattern.compile("^[（(].{4,200}[）)]$");

    private enum Type {
        CHAPTER(1, true), JIE(2, true), ARTICLE(3, true), CN(1, false), PAREN_CN(2, false), ARABIC(3, false),
        PAREN_ARABIC(4, false), NAMED(1, false);

        final int rank;
        final boolean statute;

        Type(int rank, boolean statute) {
            this.rank = rank;
            this.statute = statute;
        }
    }

    /** An open numbered heading: its label, title, and what is under it so far. */
    private static final class Frame {
        final Type type;
        final String label;
        @Nullable String title;
        final int headingPiece;   // index of its HEADING piece, -1 for the root
        final Map<Type, Integer> lastChild = new EnumMap<>(Type.class);
        final boolean runIn;
        boolean hasChildren;
        final List<String> paragraphs = new ArrayList<>();

        Frame(Type type, String label, @Nullable String title, int headingPiece, boolean runIn) {
            this.type = type;
            this.label = label;
            this.title = title;
            this.headingPiece = headingPiece;
            this.runIn = runIn;
        }
    }

    private TextSegmenter() {
    }

    public static Result segment(String source) {
        return new Run(source).run();
    }

    /** Text without any whitespace (incl. U+3000, NBSP, BOM): what the no-text-lost check compares. */
    public static String withoutWhitespace(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isSpace(c)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Characters that count for reading time: everything but whitespace. */
    public static int charCount(String text) {
        return (int) text.codePoints().filter(c -> !isSpace(c)).count();
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
    }

    static String trim(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static final class Run {
        final String[] lines;
        final List<Piece> pieces = new ArrayList<>();
        final List<Heading> headings = new ArrayList<>();
        final List<Section> sections = new ArrayList<>();
        final List<Article> articles = new ArrayList<>();
        final List<String> frontMatter = new ArrayList<>();
        final List<Frame> stack = new ArrayList<>();
        final Map<String, Integer> labelsUsed = new HashMap<>();
        int articleCounter;
        boolean statute;

        Run(String source) {
            String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
            this.lines = text.split("\\R", -1);
        }

        Result run() {
            int trailerStart = lines.length;
            for (int i = 0; i < lines.length; i++) {
                if (TRAILER_LINES.contains(markdownless(trim(lines[i])))) {
                    trailerStart = i;
                    break;
                }
            }
            for (int i = 0; i < trailerStart; i++) {
                if (ARTICLE.matcher(markdownless(trim(lines[i]))).matches()) {
                    statute = true;
                    break;
                }
            }
            int i = 0;
            String title = null;
            // Title and front matter.
            for (; i < trailerStart; i++) {
                String line = trim(lines[i]);
                if (line.isEmpty()) {
                    continue;
                }
                String plain = markdownless(line);
                if (title == null) {
                    if (MASTHEAD.matcher(plain).matches() && i + 1 < trailerStart) {
                        frontMatter(line);
                        continue;
                    }
                    title = plain;
                    pieces.add(new Piece(PieceKind.TITLE, line));
                    continue;
                }
                if (META.matcher(plain).matches() || DOC_NUMBER.matcher(plain).matches()
                        || MASTHEAD.matcher(plain).matches()
                        || (ADOPTION_NOTE.matcher(plain).matches() && !isNumbered(plain))) {
                    frontMatter(line);
                    continue;
                }
                int repeatEnd = titleRepeat(i, trailerStart, withoutWhitespace(title));
                if (repeatEnd > i) {
                    for (int j = i; j < repeatEnd; j++) {
                        if (!trim(lines[j]).isEmpty()) {
                            pieces.add(new Piece(PieceKind.TITLE, trim(lines[j])));
                        }
                    }
                    i = repeatEnd - 1;
                    continue;
                }
                break;
            }
            stack.add(new Frame(null, "", null, -1, false));
            for (; i < trailerStart; i++) {
                String line = trim(lines[i]);
                if (!line.isEmpty()) {
                    body(line);
                }
            }
            while (stack.size() > 0) {
                close(stack.remove(stack.size() - 1));
            }
            for (int j = trailerStart; j < lines.length; j++) {
                String line = trim(lines[j]);
                if (!line.isEmpty()) {
                    pieces.add(new Piece(PieceKind.TRAILER, line));
                }
            }
            return new Result(title == null ? "" : title, frontMatter, headings, sections, articles, pieces);
        }

        void frontMatter(String line) {
            frontMatter.add(line);
            pieces.add(new Piece(PieceKind.FRONT_MATTER, line));
        }

        /** The end (exclusive) of lines from {@code from} that together spell the title, or {@code from}. */
        int titleRepeat(int from, int end, String title) {
            StringBuilder seen = new StringBuilder();
            for (int j = from; j < end; j++) {
                String line = trim(lines[j]);
                if (line.isEmpty()) {
                    continue;
                }
                seen.append(withoutWhitespace(markdownless(line)));
                if (!title.startsWith(seen.toString())) {
                    return from;
                }
                if (seen.length() == title.length()) {
                    return j + 1;
                }
            }
            return from;
        }

        boolean isNumbered(String plain) {
            return PAREN_CN.matcher(plain).matches() || PAREN_ARABIC.matcher(plain).matches();
        }

        void body(String line) {
            boolean markdownHeading = line.startsWith("#");
            String prefix = "";
            String plain = line;
            if (markdownHeading) {
                plain = markdownless(line);
                prefix = line.substring(0, line.length() - plain.length());
            }
            if (tryMarker(line, prefix, plain, markdownHeading)) {
                return;
            }
            Frame current = stack.get(stack.size() - 1);
            pieces.add(new Piece(PieceKind.BODY, line));
            current.paragraphs.add(line);
        }

        boolean tryMarker(String line, String prefix, String plain, boolean markdownHeading) {
            Type type = null;
            Matcher m = null;
            if (statute) {
                for (Map.Entry<Type, Pattern> e : List.of(Map.entry(Type.CHAPTER, CHAPTER), Map.entry(Type.JIE, JIE),
                        Map.entry(Type.ARTICLE, ARTICLE))) {
                    Matcher candidate = e.getValue().matcher(plain);
                    if (candidate.matches()) {
                        type = e.getKey();
                        m = candidate;
                        break;
                    }
                }
            } else {
                for (Map.Entry<Type, Pattern> e : List.of(Map.entry(Type.CN, CN), Map.entry(Type.PAREN_CN, PAREN_CN),
                        Map.entry(Type.ARABIC, ARABIC), Map.entry(Type.PAREN_ARABIC, PAREN_ARABIC))) {
                    Matcher candidate = e.getValue().matcher(plain);
                    if (candidate.matches()) {
                        type = e.getKey();
                        m = candidate;
                        break;
                    }
                }
            }
            if (type == null) {
                String compact = withoutWhitespace(plain);
                if (NAMED_SECTIONS.contains(compact) || (markdownHeading && !plain.isEmpty())) {
                    openNamed(line, compact);
                    return true;
                }
                return false;
            }
            int number = ChineseNumerals.parse(m.group(2));
            // Where it would go: below the nearest open frame of a higher level.
            int parentIndex = stack.size() - 1;
            while (parentIndex > 0 && stack.get(parentIndex).type.rank >= type.rank) {
                parentIndex--;
            }
            Frame parent = stack.get(parentIndex);
            int expected = (type == Type.ARTICLE ? articleCounter : parent.lastChild.getOrDefault(type, 0)) + 1;
            if (number != expected && !(type.statute && number > 0 && !isReference(m.group(3), plain, m.end(1)))) {
                // Outline numbers (一、 1. （1）) count only when they continue their level; 第…章/节/条 headings
                // count whatever their number (repealed articles, a part numbered from a later point), unless
                // the line reads as a sentence citing one ("第十条规定的…").
                return false;
            }
            while (stack.size() - 1 > parentIndex) {
                close(stack.remove(stack.size() - 1));
            }
            closeOwnText(parent);
            parent.lastChild.put(type, number);
            parent.hasChildren = true;
            if (type == Type.ARTICLE) {
                articleCounter = number;
            }
            String marker = m.group(1);
            String rest = m.group(3);
            if ((type == Type.CHAPTER || type == Type.JIE) && ARTICLE.matcher(rest).matches()) {
                // "第三章　第二十条　…": the chapter's heading and its first article on one line.
                String head = prefix + line.substring(prefix.length(), prefix.length() + (plain.length() - rest.length()));
                pieces.add(new Piece(PieceKind.HEADING, head));
                push(new Frame(type, marker, null, pieces.size() - 1, false));
                if (!tryMarker(rest, "", rest, false)) {
                    Frame current = stack.get(stack.size() - 1);
                    pieces.add(new Piece(PieceKind.BODY, rest));
                    current.paragraphs.add(rest);
                }
                return true;
            }
            boolean heading = type == Type.CHAPTER || type == Type.JIE || (type != Type.ARTICLE && isTitleLike(rest));
            String label = marker;
            if (heading) {
                pieces.add(new Piece(PieceKind.HEADING, line));
                Frame frame = new Frame(type, label, rest.isEmpty() ? null : rest, pieces.size() - 1, false);
                push(frame);
            } else {
                pieces.add(new Piece(PieceKind.HEADING, prefix + line.substring(prefix.length(),
                        prefix.length() + (plain.length() - rest.length()))));
                Frame frame = new Frame(type, label, null, pieces.size() - 1, true);
                push(frame);
                if (!rest.isEmpty()) {
                    pieces.add(new Piece(PieceKind.BODY, rest));
                    frame.paragraphs.add(rest);
                }
            }
            return true;
        }

        void openNamed(String line, String compact) {
            while (stack.size() > 1) {
                close(stack.remove(stack.size() - 1));
            }
            closeOwnText(stack.get(0));
            stack.get(0).hasChildren = true;
            pieces.add(new Piece(PieceKind.HEADING, line));
            push(new Frame(Type.NAMED, compact, null, pieces.size() - 1, false));
        }

        void push(Frame frame) {
            stack.add(frame);
            int level = stack.size() - 1;
            headings.add(new Heading(level, frame.label, frame.title));
            if (frame.type.rank == 1) {
                sections.add(new Section(frame.label, frame.title));
            }
        }

        /** Text written under a frame before its first child becomes the frame's articles now. */
        void closeOwnText(Frame frame) {
            if (!frame.paragraphs.isEmpty()) {
                emit(frame);
                frame.paragraphs.clear();
            }
        }

        void close(Frame frame) {
            if (frame.type != null && frame.paragraphs.isEmpty() && !frame.hasChildren && frame.title != null
                    && frame.type != Type.CHAPTER && frame.type != Type.JIE) {
                // A numbered line with a short text and nothing under it is a complete item, not a heading.
                Piece headingPiece = pieces.get(frame.headingPiece);
                String line = headingPiece.text();
                String titleText = frame.title;
                String markerPart = line.substring(0, line.length() - titleText.length());
                pieces.set(frame.headingPiece, new Piece(PieceKind.HEADING, markerPart));
                pieces.add(frame.headingPiece + 1, new Piece(PieceKind.BODY, titleText));
                frame.paragraphs.add(titleText);
                frame.title = null;
            }
            if (!frame.paragraphs.isEmpty()) {
                emit(frame);
            }
        }

        void emit(Frame frame) {
            String label = labelOf(frame);
            String title = titleOf(frame);
            int section = frame.type == null ? -1 : sections.size() - 1;
            if (!frame.runIn && frame.paragraphs.size() > 1) {
                for (int p = 0; p < frame.paragraphs.size(); p++) {
                    add(section, label + " 第" + (p + 1) + "段", title, frame.paragraphs.get(p));
                }
            } else {
                add(section, label, title, String.join("\n", frame.paragraphs));
            }
        }

        void add(int section, String label, @Nullable String title, String body) {
            int seen = labelsUsed.merge(label, 1, Integer::sum);
            String unique = seen == 1 ? label : label + " #" + seen;
            articles.add(new Article(section, unique, title, body));
        }

        String labelOf(Frame frame) {
            if (frame.type == null) {
                return PREAMBLE_LABEL;
            }
            StringBuilder sb = new StringBuilder();
            int index = stack.indexOf(frame);
            List<Frame> chain = index >= 0 ? stack.subList(1, index + 1) : List.of(frame);
            if (index < 0) {
                // Closing: the frame was already removed from the stack; its ancestors are still on it.
                List<Frame> all = new ArrayList<>(stack.subList(1, stack.size()));
                all.add(frame);
                chain = all;
            }
            for (Frame f : chain) {
                if (sb.length() > 0 && (f.type.statute || f.type == Type.NAMED)) {
                    sb.append(' ');
                }
                sb.append(f.label);
            }
            return sb.toString();
        }

        @Nullable String titleOf(Frame frame) {
            if (frame.title != null) {
                return frame.title;
            }
            for (int i = stack.size() - 1; i >= 1; i--) {
                if (stack.get(i).title != null) {
                    return stack.get(i).title;
                }
            }
            return null;
        }

        /**
         * Whether a 第…条/章/节 line whose number does not continue its level cites one instead of opening one: the
         * marker runs straight into words such as 规定, 所, 的, 和 (no space between them).
         */
        static boolean isReference(String rest, String plain, int markerEnd) {
            if (rest.isEmpty() || markerEnd < plain.length() && isSpace(plain.charAt(markerEnd))) {
                return false;
            }
            return REFERENCE_START.matcher(rest).lookingAt();
        }

        static boolean isTitleLike(String rest) {
            if (rest.isEmpty()) {
                return true;
            }
            String compact = withoutWhitespace(rest);
            if (compact.codePointCount(0, compact.length()) > MAX_TITLE_CHARS) {
                return false;
            }
            String inner = compact.replaceAll("[。．.；;！!？?：:]+$", "");
            return !inner.matches(".*[。；;！？?].*");
        }
    }

    static String markdownless(String line) {
        if (!line.startsWith("#")) {
            return line;
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) == '#') {
            i++;
        }
        return trim(line.substring(i));
    }
}
